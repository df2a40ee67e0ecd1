using KegAuth.AspNetCore.Passkeys;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KegAuth.AspNetCore;

/// <summary>Adds passkeys (WebAuthn) to a KegAuth web setup.</summary>
public static class KegPasskeyBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="IKegPasskeys"/>: passkey registration for signed-in users and sign-in without a
    /// password, with the login lockout over <typeparamref name="TAttempt"/>. Needs <c>AddCookies</c> and
    /// <c>AddSignIn</c>; <c>MapKegAuthEndpoints</c> then maps the <c>/passkeys</c> routes and the pages
    /// show the passkey button and the <c>/auth/passkeys</c> page. Start-up fails without
    /// <see cref="KegPasskeyOptions.RelyingPartyId"/> and at least one origin.
    /// </summary>
    /// <typeparam name="TContext">The app's context.</typeparam>
    /// <typeparam name="TUser">The user type, with <c>[KegUserPasskeys]</c>.</typeparam>
    /// <typeparam name="TAttempt">The attempt type (<c>[KegAttempt]</c>) the context maps.</typeparam>
    /// <param name="builder">The KegAuth builder.</param>
    /// <param name="configure">The relying party, origins and ceremony settings.</param>
    /// <returns>The same builder.</returns>
    public static KegAuthWebBuilder<TContext, TUser> AddPasskeys<TContext, TUser, TAttempt>(
        this KegAuthWebBuilder<TContext, TUser> builder,
        Action<KegPasskeyOptions> configure)
        where TContext : DbContext
        where TUser : class, IKegUser<TUser>, IKegUserPasskeys
        where TAttempt : class, IKegAttempt, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<KegPasskeyOptions>()
            .Configure(configure)
            .Validate(o => IsDomain(o.RelyingPartyId), "KegPasskeyOptions.RelyingPartyId must be the site's domain (example.com or localhost), not a URL or an IP address.")
            .Validate(o => o.Origins.Count > 0 && o.Origins.All(IsOrigin), "KegPasskeyOptions.Origins must name at least one origin, each scheme://host[:port] with no path.")
            .Validate(o => o.ChallengeLifetime > TimeSpan.Zero && o.ChallengeLifetime <= TimeSpan.FromHours(1), "KegPasskeyOptions.ChallengeLifetime must be positive and at most an hour.")
            .Validate(o => o.MaxPasskeysPerUser > 0, "KegPasskeyOptions.MaxPasskeysPerUser must be positive.")
            .ValidateOnStart();
        builder.Services.AddDataProtection();
        builder.Services.TryAddSingleton<KegPasskeyMetrics>();
        builder.Services.TryAddScoped<IKegPasskeys, KegPasskeys<TContext, TUser, TAttempt>>();
        return builder;
    }

    private static bool IsDomain(string? id)
        => !string.IsNullOrEmpty(id) && Uri.CheckHostName(id) == UriHostNameType.Dns && !id.Contains('/', StringComparison.Ordinal);

    private static bool IsOrigin(string origin)
        => Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
           && uri.AbsolutePath == "/" && !origin.EndsWith('/') && string.IsNullOrEmpty(uri.Query);
}
