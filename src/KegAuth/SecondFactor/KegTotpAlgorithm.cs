namespace KegAuth;

/// <summary>The HMAC a TOTP code is computed with (RFC 6238). Authenticator apps expect <see cref="Sha1"/>.</summary>
public enum KegTotpAlgorithm
{
    /// <summary>HMAC-SHA-1, what every authenticator app supports; the default.</summary>
    Sha1,

    /// <summary>HMAC-SHA-256.</summary>
    Sha256,

    /// <summary>HMAC-SHA-512.</summary>
    Sha512,
}
