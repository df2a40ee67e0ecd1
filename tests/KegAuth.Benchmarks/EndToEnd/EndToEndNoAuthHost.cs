using Microsoft.AspNetCore.Builder;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>The ceiling: the same two endpoints on the same Kestrel set-up, no authentication and no database.</summary>
internal sealed class EndToEndNoAuthHost(WebApplication app, IReadOnlyList<EndToEndSetup> setups) : IEndToEndHost
{
    /// <summary>The login id the endpoints answer with.</summary>
    private const string Anonymous = "anonymous";

    /// <inheritdoc />
    public IReadOnlyList<EndToEndSetup> Setups => setups;

    /// <summary>Starts the app.</summary>
    public static async Task<EndToEndNoAuthHost> StartAsync()
    {
        var app = EndToEndHost.CreateBuilder().Build();
        app.MapGet(EndToEndHost.MePath, () => Anonymous);
        app.MapGet(EndToEndHost.ProtectedPath, () => Anonymous);
        await app.StartAsync();

        // An empty header: the request is the same shape, and no auth handler reads it.
        var credential = new EndToEndCredential("X-Unused", "-", Anonymous);
        return new EndToEndNoAuthHost(app, [new EndToEndSetup(EndToEndReport.NoAuth, EndToEndHost.BoundAddress(app), [credential], null)]);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
