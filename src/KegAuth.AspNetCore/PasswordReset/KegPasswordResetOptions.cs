namespace KegAuth.AspNetCore;

/// <summary>How reset links are built and sent (<c>AddPasswordReset</c>).</summary>
public sealed class KegPasswordResetOptions
{
    /// <summary>The default <see cref="ResetPasswordPath"/>, the reset page of <c>MapKegAuthPages</c>.</summary>
    public const string DefaultResetPasswordPath = "/auth/reset-password";

    /// <summary>
    /// The app's public address, e.g. <c>https://app.example.com/</c>: every reset link starts with it.
    /// Required. Links are never built from the request's <c>Host</c> header, which the client chooses: an
    /// attacker asking for a reset of the victim's account with <c>Host: evil.example</c> would otherwise
    /// have the victim's token mailed inside a link to the attacker's site.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The path of the page that completes a reset, relative to <see cref="PublicBaseUrl"/>. Default <c>/auth/reset-password</c>.</summary>
    public string ResetPasswordPath { get; set; } = DefaultResetPasswordPath;

    /// <summary>
    /// Hand reset messages to the sender on a background queue instead of within the request. Default
    /// <see langword="true"/>: a mail server's latency, paid only for existing users, would otherwise tell
    /// an attacker which accounts exist. The sender then runs in a scope of its own, with no
    /// <c>HttpContext</c>.
    /// </summary>
    public bool SendInBackground { get; set; } = true;

    /// <summary>The link for a reset: <see cref="PublicBaseUrl"/> + <see cref="ResetPasswordPath"/> with the key and token in the query.</summary>
    internal Uri BuildLink(string userKey, string token)
    {
        var baseUrl = PublicBaseUrl ?? throw new InvalidOperationException($"{nameof(KegPasswordResetOptions)}.{nameof(PublicBaseUrl)} is not set.");
        var query = $"?userKey={Uri.EscapeDataString(userKey)}&token={Uri.EscapeDataString(token)}";
        return new Uri(baseUrl, ResetPasswordPath.TrimStart('/') + query);
    }

    /// <summary>One message per wrong setting; empty when valid.</summary>
    internal IEnumerable<string> GetErrors()
    {
        if (PublicBaseUrl is not { IsAbsoluteUri: true } url || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"{nameof(KegPasswordResetOptions)}.{nameof(PublicBaseUrl)} must be the app's absolute http(s) address (e.g. https://app.example.com/); reset links are built from it, never from the request's Host header.";
        }

        if (string.IsNullOrWhiteSpace(ResetPasswordPath) || !ResetPasswordPath.StartsWith('/'))
        {
            yield return $"{nameof(KegPasswordResetOptions)}.{nameof(ResetPasswordPath)} must be a path starting with '/'.";
        }
    }
}
