namespace KegAuth;

/// <summary>
/// Encrypts authenticator secrets for the database. The default (<see cref="KegTotpSecretProtector"/>)
/// uses AES-GCM with a key derived from <see cref="KegAuthOptions.SecretKey"/>; KegAuth.AspNetCore
/// can plug in ASP.NET Core Data Protection instead.
/// </summary>
public interface IKegTotpSecretProtector
{
    /// <summary>The stored form of <paramref name="secret"/>.</summary>
    string Protect(ReadOnlySpan<byte> secret);

    /// <summary>The secret from its stored form, or <see langword="null"/> when it cannot be read (another key, tampered, not ours). Never throws.</summary>
    byte[]? Unprotect(string? stored);
}
