using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>How a load client proves who it is: a header sent as is (a cookie or a bearer token).</summary>
/// <param name="HeaderName">The header, <c>Cookie</c> or <c>Authorization</c>.</param>
/// <param name="HeaderValue">Its value.</param>
/// <param name="LoginId">The login id <c>GET /me</c> must answer with.</param>
internal sealed record EndToEndCredential(string HeaderName, string HeaderValue, string LoginId);

/// <summary>
/// One measured set-up: a host and a way to authenticate. <paramref name="Allowed"/> are users who hold the
/// permission (the load rotates through them); <paramref name="Denied"/> is a signed-in user without it
/// (expects 403 on the protected endpoint), <see langword="null"/> for the no-authentication ceiling.
/// </summary>
internal sealed record EndToEndSetup(string Name, Uri BaseAddress, IReadOnlyList<EndToEndCredential> Allowed, EndToEndCredential? Denied);

/// <summary>A running Kestrel app serving the harness's endpoints, with the set-ups it offers.</summary>
internal interface IEndToEndHost : IAsyncDisposable
{
    /// <summary>The set-ups measured against this host (e.g. cookie and token on one KegAuth app).</summary>
    IReadOnlyList<EndToEndSetup> Setups { get; }
}

/// <summary>The two endpoints every set-up serves, and Kestrel on a loopback port of the system's choosing.</summary>
internal static class EndToEndHost
{
    /// <summary><c>GET /me</c>: the signed-in user's login id.</summary>
    public const string MePath = "/me";

    /// <summary><c>GET /protected</c>: the same answer, behind a permission check.</summary>
    public const string ProtectedPath = "/protected";

    /// <summary>The permission the protected endpoint needs.</summary>
    public const string Permission = EndToEndPermissions.UsersView;

    /// <summary>How many seeded users sign in; the load rotates through them so lookups hit different rows.</summary>
    public const int SignedInUsers = 64;

    /// <summary>The password of every signed-in user; its hashing cost is not what is measured.</summary>
    public const string Password = "E2e-benchmark-password-1!";

    /// <summary>A quiet, production-like builder listening on 127.0.0.1, port 0.</summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });

        // Console logging under load would measure the console, not the auth.
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{IPAddress.Loopback}:0");
        return builder;
    }

    /// <summary>The address Kestrel bound after <c>StartAsync</c>.</summary>
    public static Uri BoundAddress(WebApplication app) => new(app.Urls.Single());

    /// <summary>The indices of <see cref="SignedInUsers"/> users spread evenly over <paramref name="users"/> seeded ones.</summary>
    public static IEnumerable<int> SignedInIndices(int users)
    {
        var count = Math.Min(SignedInUsers, users);
        return Enumerable.Range(0, count).Select(i => (int)((long)i * users / count));
    }

    /// <summary>The login id of seeded user <paramref name="index"/>.</summary>
    public static string LoginId(int index) => FormattableString.Invariant($"user{index:D7}");
}
