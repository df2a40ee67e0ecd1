namespace KegAuth.AspNetCore;

/// <summary>What <c>MapKegAuthEndpoints</c> maps, and where.</summary>
public sealed class KegAuthEndpointOptions
{
    /// <summary>The default <see cref="Prefix"/>.</summary>
    public const string DefaultPrefix = "/api/auth";

    /// <summary>The route prefix of every endpoint. Default <c>/api/auth</c>.</summary>
    public string Prefix { get; set; } = DefaultPrefix;

    /// <summary>
    /// The routes to map. Default <see cref="KegAuthEndpoint.All"/>, which leaves registration out (add
    /// <see cref="KegAuthEndpoint.Register"/> to allow it); a route whose feature the app did not add
    /// (sign-in, password reset, API tokens) is left out whatever this says.
    /// </summary>
    public KegAuthEndpoint Endpoints { get; set; } = KegAuthEndpoint.All;
}
