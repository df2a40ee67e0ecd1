using Microsoft.AspNetCore.Authentication;

namespace KegAuth.AspNetCore;

/// <summary>Options of the API-token scheme (<see cref="KegAuthSchemes.ApiToken"/>).</summary>
public sealed class KegApiTokenOptions : AuthenticationSchemeOptions
{
    /// <summary>The default <see cref="HeaderName"/>.</summary>
    public const string DefaultHeaderName = "X-Auth-Token";

    /// <summary>
    /// A header that carries the API token by itself, besides <c>Authorization: Bearer</c> (keg-auth's
    /// token authenticator read a header of its own). Null or empty to accept only the bearer header.
    /// Default <c>X-Auth-Token</c>.
    /// </summary>
    public string? HeaderName { get; set; } = DefaultHeaderName;
}
