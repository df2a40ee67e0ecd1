using System.Globalization;
using System.Security.Cryptography;

namespace KegAuth;

/// <summary>
/// passlib's <c>pbkdf2_sha256</c>: <c>$pbkdf2-sha256$&lt;rounds&gt;$&lt;salt&gt;$&lt;checksum&gt;</c>, salt and
/// checksum in adapted base64 (<see cref="AdaptedBase64"/>), checksum 32 bytes of
/// PBKDF2-HMAC-SHA256 over the UTF-8 password. Verified only, so that hashes from older keg-auth
/// apps keep working; new hashes are bcrypt and these always need a rehash.
/// </summary>
internal sealed class Pbkdf2Sha256Scheme : IPasswordHashScheme
{
    /// <summary>The one instance.</summary>
    public static readonly Pbkdf2Sha256Scheme Instance = new();

    /// <summary>Rounds above this are refused: a stored hash must not pin a CPU for seconds per login.</summary>
    public const int MaxRounds = 10_000_000;

    /// <summary>passlib's salt limit.</summary>
    public const int MaxSaltBytes = 1024;

    /// <summary>SHA-256 output size.</summary>
    public const int ChecksumBytes = 32;

    private const string Prefix = "$pbkdf2-sha256$";

    /// <summary>Prefix, the longest rounds, the longest salt, checksum and separators; checked before any parsing.</summary>
    private static readonly int MaxLength = Prefix.Length + 8 + 1 + AdaptedBase64.EncodedLength(MaxSaltBytes) + 1 + AdaptedBase64.EncodedLength(ChecksumBytes);

    /// <inheritdoc/>
    public string Name => "pbkdf2-sha256";

    /// <inheritdoc/>
    public bool IsWellFormed(string hash) => TryParse(hash, out _, out _, out _);

    /// <inheritdoc/>
    public bool Verify(string plain, string hash)
    {
        if (!TryParse(hash, out var rounds, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(StrictUtf8.Encoding.GetBytes(plain), salt, rounds, HashAlgorithmName.SHA256, ChecksumBytes);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Always true: new hashes are bcrypt.</summary>
    public bool NeedsRehash(string hash, int workFactor) => true;

    /// <summary>Splits and decodes a hash; false on anything passlib would refuse or we will not run.</summary>
    private static bool TryParse(string hash, out int rounds, out byte[] salt, out byte[] checksum)
    {
        rounds = 0;
        salt = [];
        checksum = [];
        if (hash.Length > MaxLength || !hash.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = hash.AsSpan(Prefix.Length);
        var first = rest.IndexOf('$');
        if (first < 0)
        {
            return false;
        }

        var roundsText = rest[..first];
        rest = rest[(first + 1)..];
        var second = rest.IndexOf('$');
        if (second < 0)
        {
            return false;
        }

        var saltText = rest[..second];
        var checksumText = rest[(second + 1)..];

        // NumberStyles.None refuses signs, spaces and separators; a leading zero is refused as passlib does.
        return roundsText.Length is > 0 and <= 8
            && roundsText[0] != '0'
            && int.TryParse(roundsText, NumberStyles.None, CultureInfo.InvariantCulture, out rounds)
            && rounds is >= 1 and <= MaxRounds
            && AdaptedBase64.TryDecode(saltText, out salt)
            && salt.Length <= MaxSaltBytes
            && checksumText.Length == AdaptedBase64.EncodedLength(ChecksumBytes)
            && AdaptedBase64.TryDecode(checksumText, out checksum)
            && checksum.Length == ChecksumBytes;
    }
}
