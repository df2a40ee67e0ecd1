namespace KegAuth.AspNetCore;

/// <summary>Settings of passkey (WebAuthn) registration and sign-in (<c>AddPasskeys</c>).</summary>
public sealed class KegPasskeyOptions
{
    /// <summary>
    /// The relying party id: the site's registrable domain (<c>example.com</c>, or <c>localhost</c> in
    /// development), never an IP address or a URL. Required. Passkeys are bound to it: changing it
    /// orphans every registered passkey.
    /// </summary>
    public string RelyingPartyId { get; set; } = string.Empty;

    /// <summary>The name authenticators show ("Example"). Default: the relying party id.</summary>
    public string? RelyingPartyName { get; set; }

    /// <summary>
    /// The origins pages run the ceremonies from (<c>https://example.com</c>, scheme, host and port). At
    /// least one is required; a response made on any other origin is refused. Never taken from the
    /// request's Host header.
    /// </summary>
    public ISet<string> Origins { get; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>How long a ceremony's challenge stays usable. Default 5 minutes.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether the authenticator must verify the user (PIN, biometrics). Default <see langword="true"/>:
    /// a passkey then replaces both the password and a second factor, so passkey sign-in skips any
    /// second-factor step. With <see langword="false"/>, an assertion without user verification still
    /// signs in a user whose authenticator app is off, and is refused for one whose authenticator is on.
    /// </summary>
    public bool RequireUserVerification { get; set; } = true;

    /// <summary>The most passkeys one user may hold. Default 20.</summary>
    public int MaxPasskeysPerUser { get; set; } = 20;
}
