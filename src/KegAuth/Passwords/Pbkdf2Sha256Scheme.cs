using System.Globalization;
using System.Security.Cryptography;

namespace KegAuth;

/// <summary>
/// passlib's <c>pbkdf2_sha256</c>: <c>$pbkdf2-sha256$&lt;rounds&gt;$&lt;salt&gt;$&lt;checksum&gt;</c>, salt and
/// checksum in adapted base64 (<see cref="AdaptedBase64"/>), checksum 32 bytes of
/// PBKDF2-HMAC-SHA256 over the UTF-8 password. Verified only, so that hashes from older keg-auth
/// apps keep working; new hashes are bcrypt and these always need a rehash. A hash over
/// <see cref="MaxRounds"/> is refused before any work is done.
/// </summary>
internal sealed class Pbkdf2Sha256Scheme : IPasswordHashScheme
{
    /// <summary>The one instance.</summary>
    public static readonly Pbkdf2Sha256Scheme Instance = new();

    /// <summary>
    /// The most rounds a stored hash may demand: 1,000,000. A hash above it still loads (passlib's
    /// format allows up to <see cref="MaxFormatRounds"/>) but never verifies: 10,000,000 rounds took
    /// 4.5 s of CPU per login attempt. passlib's default for <c>pbkdf2_sha256</c> is 29,000 and
    /// OWASP's 2023 advice 600,000, so real keg-auth databases stay well inside.
    /// </summary>
    public const int MaxRounds = 1_000_000;

    /// <summary>passlib's largest rounds value for this scheme (<c>max_rounds = 0xffffffff</c>).</summary>
    public const uint MaxFormatRounds = uint.MaxValue;

    /// <summary>passlib's salt limit.</summary>
    public const int MaxSaltBytes = 1024;

    /// <summary>SHA-256 output size.</summary>
    public const int ChecksumBytes = 32;

    private const string Prefix = "$pbkdf2-sha256$";

    /// <summary>Prefix, the longest rounds, the longest salt, checksum and separators; checked before any parsing.</summary>
    private static readonly int MaxLength = Prefix.Length + 10 + 1 + AdaptedBase64.EncodedLength(MaxSaltBytes) + 1 + AdaptedBase64.EncodedLength(ChecksumBytes);

    /// <inheritdoc/>
    public string Name => "pbkdf2-sha256";

    /// <inheritdoc/>
    public bool IsWellFormed(string hash) => TryParse(hash, out _, out _, out _);

    /// <summary>Whether verifying <paramref name="hash"/> costs at most <see cref="MaxRounds"/>; read from the rounds field, nothing is computed.</summary>
    public static bool IsAffordable(string hash) => TryParse(hash, out var rounds, out _, out _) && rounds <= MaxRounds;

    /// <summary>Whether <paramref name="plain"/> matches; false, before any hashing, for rounds over <see cref="MaxRounds"/>.</summary>
    public bool Verify(string plain, string hash)
    {
        if (!TryParse(hash, out var rounds, out var salt, out var expected) || rounds > MaxRounds)
        {
            // Over the cap: refused unrun, so a tampered row cannot cost seconds of CPU per attempt.
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(StrictUtf8.Encoding.GetBytes(plain), salt, (int)rounds, HashAlgorithmName.SHA256, ChecksumBytes);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Always true: new hashes are bcrypt (and a hash over <see cref="MaxRounds"/> never verifies).</summary>
    public bool NeedsRehash(string hash, int workFactor) => true;

    /// <summary>Splits and decodes a hash; false on anything passlib would refuse or we will not run.</summary>
    private static bool TryParse(string hash, out uint rounds, out byte[] salt, out byte[] checksum)
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
        // Stryker disable once Equality : at 0 the rounds field is empty, which the length check below refuses too
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

        // NumberStyles.None refuses signs, spaces and separators; a leading zero is refused as passlib does,
        // which with a non-empty field also refuses 0. A checksum of its exact length (43 characters)
        // always decodes to 32 bytes.
        return roundsText.Length is > 0 and <= 10
            && roundsText[0] != '0'
            && uint.TryParse(roundsText, NumberStyles.None, CultureInfo.InvariantCulture, out rounds)
            && AdaptedBase64.TryDecode(saltText, out salt)
            && salt.Length <= MaxSaltBytes
            && checksumText.Length == AdaptedBase64.EncodedLength(ChecksumBytes)
            && AdaptedBase64.TryDecode(checksumText, out checksum);
    }
}
