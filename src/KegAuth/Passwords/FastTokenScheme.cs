using System.Security.Cryptography;

namespace KegAuth;

/// <summary>
/// The fast, salted hash for high-entropy API tokens, so a request is not charged a full bcrypt
/// verify. Layout: <c>$keg-sha256$v1$&lt;salt&gt;$&lt;digest&gt;</c>, where salt is 16 random bytes and
/// digest is <c>SHA-256(salt || UTF-8(token))</c>, both in passlib's adapted base64
/// (<see cref="AdaptedBase64"/>: <c>.</c> for <c>+</c>, no padding), 22 and 43 characters; 81 in all.
/// </summary>
/// <remarks>
/// Safe only because a raw token is a long random string: guessing it is hopeless however fast the
/// hash is. A human-chosen password hashed this way could be brute-forced at billions of guesses a
/// second; only <see cref="PasswordHash.CreateForToken"/> produces this format. Python keg-auth does
/// not know it: a database holding such hashes cannot go back to the Python app for API tokens.
/// </remarks>
internal sealed class FastTokenScheme : IPasswordHashScheme
{
    /// <summary>The one instance.</summary>
    public static readonly FastTokenScheme Instance = new();

    /// <summary>Random salt size; keeps equal tokens from giving equal hashes.</summary>
    public const int SaltBytes = 16;

    /// <summary>SHA-256 output size.</summary>
    public const int DigestBytes = 32;

    /// <summary>The version field lets a later layout be told apart without guessing.</summary>
    private const string Prefix = "$keg-sha256$v1$";

    private static readonly int SaltChars = AdaptedBase64.EncodedLength(SaltBytes);

    private static readonly int DigestChars = AdaptedBase64.EncodedLength(DigestBytes);

    private static readonly int Length = Prefix.Length + SaltChars + 1 + DigestChars;

    /// <inheritdoc/>
    public string Name => "keg-sha256";

    /// <inheritdoc/>
    public bool IsWellFormed(string hash) => TryParse(hash, out _, out _);

    /// <summary>Hashes <paramref name="token"/> with a new random salt.</summary>
    public string Create(string token)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return Prefix + AdaptedBase64.Encode(salt) + "$" + AdaptedBase64.Encode(Digest(salt, token));
    }

    /// <inheritdoc/>
    public bool Verify(string plain, string hash) =>
        TryParse(hash, out var salt, out var expected)
        && CryptographicOperations.FixedTimeEquals(Digest(salt, plain), expected);

    /// <summary>Always false: this is not a password hash, and no bcrypt cost would make it better.</summary>
    public bool NeedsRehash(string hash, int workFactor) => false;

    /// <summary>SHA-256 of the salt followed by the token's UTF-8 bytes.</summary>
    private static byte[] Digest(byte[] salt, string token)
    {
        var tokenBytes = StrictUtf8.Encoding.GetBytes(token);
        var input = new byte[salt.Length + tokenBytes.Length];
        salt.CopyTo(input, 0);
        tokenBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    /// <summary>Checks the exact layout and decodes salt and digest.</summary>
    private static bool TryParse(string hash, out byte[] salt, out byte[] digest)
    {
        salt = [];
        digest = [];
        return hash.Length == Length
            && hash.StartsWith(Prefix, StringComparison.Ordinal)
            && hash[Prefix.Length + SaltChars] == '$'
            // 22 characters always decode to 16 bytes, and the exact total length leaves 43, which always decode to 32.
            && AdaptedBase64.TryDecode(hash.AsSpan(Prefix.Length, SaltChars), out salt)
            && AdaptedBase64.TryDecode(hash.AsSpan(Prefix.Length + SaltChars + 1), out digest);
    }
}
