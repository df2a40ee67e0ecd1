namespace KegAuth.AspNetCore;

/// <summary>The authentication scheme names KegAuth registers.</summary>
public static class KegAuthSchemes
{
    /// <summary>
    /// The default scheme: forwards to <see cref="ApiToken"/> when the request carries an API token,
    /// otherwise to <see cref="Cookie"/> (when registered).
    /// </summary>
    public const string Default = "KegAuth";

    /// <summary>API tokens in <c>Authorization: Bearer</c> or the configured header.</summary>
    public const string ApiToken = "KegAuth.ApiToken";

    /// <summary>Cookie sessions carrying the user's session key.</summary>
    public const string Cookie = "KegAuth.Cookie";
}
