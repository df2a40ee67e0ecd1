using System.Security.Cryptography;

namespace KegAuth;

/// <summary>
/// passlib's <c>genword</c>: a random word from a named charset, long enough for a requested length
/// and entropy. Characters come from <see cref="RandomNumberGenerator.GetString"/>, which picks
/// uniformly (no modulo bias).
/// </summary>
internal static class Genword
{
    /// <summary>passlib's named charsets, exactly as passlib 1.7.4 defines them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Charsets = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ascii_72"] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^&*?/",
        ["ascii_62"] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ["ascii_50"] = "234679abcdefghjkmnpqrstuvwxyzACDEFGHJKMNPQRTUVWXYZ",
        ["hex"] = "0123456789abcdef",
    };

    /// <summary>
    /// The word's length: <c>max(length ?? 0, ceil(entropyBits / log2(|charset|)))</c>; with both
    /// null, passlib's default entropy <see cref="KegEntropy.Strong"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="charset"/> is null.</exception>
    /// <exception cref="ArgumentException">The charset is unknown, a value is negative, or the result is 0.</exception>
    public static int Length(int? length, int? entropyBits, string charset)
    {
        var chars = GetCharset(charset);
        if (length < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "The length must not be negative.");
        }

        if (entropyBits < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(entropyBits), entropyBits, "The entropy must not be negative.");
        }

        var bits = entropyBits ?? (length is null ? KegEntropy.Strong : 0);
        var forEntropy = (int)Math.Ceiling(bits / Math.Log2(chars.Length));
        var result = Math.Max(length ?? 0, forEntropy);
        if (result == 0)
        {
            throw new ArgumentException(
                "The length and entropy ask for an empty token; give a positive length or entropy.",
                length is null ? nameof(entropyBits) : nameof(length));
        }

        return result;
    }

    /// <summary>The entropy of a uniformly random word of <paramref name="count"/> characters from <paramref name="charset"/>, in bits.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="charset"/> is null.</exception>
    /// <exception cref="ArgumentException">The charset is unknown.</exception>
    public static double EntropyBits(int count, string charset) => count * Math.Log2(GetCharset(charset).Length);

    /// <summary>A random word; see <see cref="Length"/> for the parameters.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="charset"/> is null.</exception>
    /// <exception cref="ArgumentException">The charset is unknown, a value is negative, or the result is 0.</exception>
    public static string Generate(int? length, int? entropyBits, string charset)
    {
        var count = Length(length, entropyBits, charset);
        return RandomNumberGenerator.GetString(GetCharset(charset), count);
    }

    private static string GetCharset(string charset)
    {
        ArgumentNullException.ThrowIfNull(charset);
        return Charsets.TryGetValue(charset, out var chars)
            ? chars
            : throw new ArgumentException(
                $"Unknown charset; use one of {string.Join(", ", Charsets.Keys)}.", nameof(charset));
    }
}
