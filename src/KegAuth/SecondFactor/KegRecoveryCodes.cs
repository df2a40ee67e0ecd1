using System.Security.Cryptography;
using System.Text;

namespace KegAuth;

/// <summary>
/// One-use recovery codes for when the authenticator is lost: random codes shown once, stored only
/// as salted SHA-256 hashes (the API tokens' fast hash: each code carries 50 random bits, so a fast
/// hash is safe), redeemed in constant time. The stored form is the hashes joined by spaces.
/// </summary>
public static class KegRecoveryCodes
{
    /// <summary>Codes in a new set, as ASP.NET Core Identity makes them.</summary>
    public const int DefaultCount = 10;

    /// <summary>The most codes in one set; bounds the stored text (82 characters a code).</summary>
    public const int MaxCount = 50;

    // No 0/O, 1/I/L: a code is read off paper and typed.
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
    private const int GroupLength = 5;

    /// <summary>New codes, <c>xxxxx-xxxxx</c> (50 bits each), to show the user once.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or above <see cref="MaxCount"/>.</exception>
    public static IReadOnlyList<string> Generate(int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        var codes = new string[count];
        for (var i = 0; i < count; i++)
        {
            codes[i] = RandomNumberGenerator.GetString(Alphabet, GroupLength) + "-" + RandomNumberGenerator.GetString(Alphabet, GroupLength);
        }

        return codes;
    }

    /// <summary>The stored form of <paramref name="codes"/>: one salted hash per code, joined by spaces.</summary>
    /// <exception cref="ArgumentException">A code is not one <see cref="Generate"/> makes.</exception>
    public static string Hash(IEnumerable<string> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var hashes = new List<string>();
        foreach (var code in codes)
        {
            var normal = Normalize(code) ?? throw new ArgumentException("Not a recovery code: codes are two groups of five letters and digits.", nameof(codes));
            hashes.Add(PasswordHash.CreateForToken(normal).Hash);
        }

        if (hashes.Count is 0 or > MaxCount)
        {
            throw new ArgumentException($"A set holds 1 to {MaxCount} codes.", nameof(codes));
        }

        return string.Join(' ', hashes);
    }

    /// <summary>How many unused codes <paramref name="stored"/> holds (0 for null or empty).</summary>
    public static int Count(string? stored) => string.IsNullOrEmpty(stored) ? 0 : stored.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>
    /// Redeems <paramref name="code"/> (case, spaces and the hyphen do not matter) against
    /// <paramref name="stored"/>. Every stored hash is checked whether or not an earlier one matched,
    /// so the time taken does not say which code it was. Never throws.
    /// </summary>
    /// <param name="stored">The stored hashes.</param>
    /// <param name="code">What the user typed.</param>
    /// <param name="remaining">The stored form without the redeemed code (store it), or <paramref name="stored"/> unchanged.</param>
    /// <returns>Whether the code was one of the unused ones.</returns>
    public static bool TryRedeem(string? stored, string? code, out string? remaining)
    {
        remaining = stored;
        var normal = Normalize(code);
        if (normal is null || string.IsNullOrEmpty(stored))
        {
            return false;
        }

        var hashes = stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var matched = -1;
        for (var i = 0; i < hashes.Length && i < MaxCount; i++)
        {
            var verifies = FastTokenScheme.Instance.Verify(normal, hashes[i]);
            if (verifies && matched < 0)
            {
                matched = i;
            }
        }

        if (matched < 0)
        {
            return false;
        }

        remaining = string.Join(' ', hashes.Where((_, i) => i != matched));
        return true;
    }

    // Two groups of five from the alphabet, in any case, with or without the hyphen and spaces.
    private static string? Normalize(string? code)
    {
        if (code is null || code.Length > 40)
        {
            return null;
        }

        var builder = new StringBuilder(GroupLength * 2 + 1);
        foreach (var c in code)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            var lower = c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
            if (!Alphabet.Contains(lower, StringComparison.Ordinal) || builder.Length == GroupLength * 2 + 1)
            {
                return null;
            }

            builder.Append(lower);
            if (builder.Length == GroupLength)
            {
                builder.Append('-');
            }
        }

        return builder.Length == GroupLength * 2 + 1 ? builder.ToString() : null;
    }
}
