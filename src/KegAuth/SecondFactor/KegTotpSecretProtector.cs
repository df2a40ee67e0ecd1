using System.Security.Cryptography;
using System.Text;

namespace KegAuth;

/// <summary>
/// The default <see cref="IKegTotpSecretProtector"/>: AES-256-GCM with a key derived by HKDF-SHA-256
/// from <see cref="KegAuthOptions.SecretKey"/>, a random nonce per secret, stored as
/// <c>v1$</c> and base64url(nonce, ciphertext, tag). Changing the secret key makes stored
/// authenticator secrets unreadable (their users must enrol again), as it ends reset tokens.
/// </summary>
public sealed class KegTotpSecretProtector : IKegTotpSecretProtector
{
    private const string Prefix = "v1$";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private static readonly byte[] Info = Encoding.ASCII.GetBytes("kegauth totp secret v1");

    private readonly byte[] _key;

    /// <summary>A protector keyed by <paramref name="secretKey"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="secretKey"/> is empty.</exception>
    public KegTotpSecretProtector(string secretKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretKey);
        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secretKey), 32, salt: [], info: Info);
    }

    /// <inheritdoc/>
    public string Protect(ReadOnlySpan<byte> secret)
    {
        var sealedBytes = new byte[NonceBytes + secret.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, secret, sealedBytes.AsSpan(NonceBytes, secret.Length), sealedBytes.AsSpan(NonceBytes + secret.Length));
        return Prefix + Convert.ToBase64String(sealedBytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <inheritdoc/>
    public byte[]? Unprotect(string? stored)
    {
        if (stored is null || stored.Length > 1024 || !stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var body = stored[Prefix.Length..].Replace('-', '+').Replace('_', '/');
        body = body.PadRight(body.Length + ((4 - (body.Length % 4)) % 4), '=');
        var sealedBytes = new byte[body.Length];
        if (!Convert.TryFromBase64String(body, sealedBytes, out var length) || length <= NonceBytes + TagBytes)
        {
            return null;
        }

        var secret = new byte[length - NonceBytes - TagBytes];
        try
        {
            using var aes = new AesGcm(_key, TagBytes);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceBytes), sealedBytes.AsSpan(NonceBytes, secret.Length), sealedBytes.AsSpan(NonceBytes + secret.Length, TagBytes), secret);
            return secret;
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }
}
