using CsCheck;
using KegAuth.Tests.ApiTokens;
using Xunit;

namespace KegAuth.Tests.Properties;

/// <summary>
/// <c>GenerateRawAuthToken</c> over its whole parameter space against passlib's genword rule,
/// restated here: the length is right, every character is from the charset, and bad arguments
/// (including a token under the 64-bit floor, which passlib does not have) are the documented
/// ArgumentExceptions.
/// </summary>
public sealed class GenwordProperties
{
    /// <summary>passlib 1.7.4's charsets, copied from passlib.pwd.</summary>
    private static readonly Dictionary<string, string> Charsets = new()
    {
        ["ascii_72"] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!@#$%^&*?/",
        ["ascii_62"] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        ["ascii_50"] = "234679abcdefghjkmnpqrstuvwxyzACDEFGHJKMNPQRTUVWXYZ",
        ["hex"] = "0123456789abcdef",
    };

    [Fact]
    public void Length_and_charset_are_always_right_and_bad_arguments_are_argument_exceptions()
    {
        var charset = Gen.Frequency((6, Gen.OneOf([.. Charsets.Keys])), (1, Gen.OneOf("ascii_49", "HEX", "", " hex", "ascii")));
        var number = Gen.Frequency((6, Gen.Int[0, 300].Select(n => (int?)n)), (2, Gen.Const((int?)null)), (1, Gen.Int[-5, -1].Select(n => (int?)n)));
        Gen.Select(number, number, charset).Sample(
            (length, entropy, name) =>
            {
                string token;
                try
                {
                    token = TokenUser.GenerateRawAuthToken(length, entropy, name);
                }
                catch (ArgumentException)
                {
                    return ExpectedLength(length, entropy, name) is null;
                }

                return ExpectedLength(length, entropy, name) is { } expected
                    && token.Length == expected
                    && token.All(c => Charsets[name].Contains(c, StringComparison.Ordinal));
            },
            iter: PropertyRuns.Iterations(3_000),
            threads: PropertyRuns.Threads);
    }

    /// <summary>passlib: <c>max(length, ceil(entropy / log2(len(charset))))</c>, entropy 48 when neither is given; null where an error is due.</summary>
    private static int? ExpectedLength(int? length, int? entropy, string name)
    {
        if (!Charsets.TryGetValue(name, out var chars) || length < 0 || entropy < 0)
        {
            return null;
        }

        var bits = entropy ?? (length is null ? 48 : 0);
        var result = Math.Max(length ?? 0, (int)Math.Ceiling(bits / Math.Log2(chars.Length)));
        return result * Math.Log2(chars.Length) < 64 ? null : result;
    }
}
