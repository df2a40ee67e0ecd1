using System.Text;
using CsCheck;
using Xunit;

namespace KegAuth.Tests.Properties;

/// <summary>
/// The built-in password rules on any string (lone surrogates, controls, astral characters, up to
/// 100 UTF-16 units): never an exception; length and size agree with .NET's own counts; and whatever
/// the rules accept can be hashed and is within bcrypt's 72 bytes.
/// </summary>
public sealed class PasswordPolicyProperties
{
    private static readonly KegPasswordRules Rules = new();

    private static readonly Gen<string> AnyText = Gen.Frequency(
            (3, Gen.Char['!', '~'].Select(c => c.ToString())),
            (1, Gen.Char.Select(c => c.ToString())),
            (1, Gen.Char['\u00c0', '\u024f'].Select(c => c.ToString())),
            (1, Gen.Int[0x1F600, 0x1F64F].Select(char.ConvertFromUtf32)))
        .Array[0, 60].Select(string.Concat);

    [Fact]
    public void The_rules_agree_with_dotnets_counts_and_never_throw()
    {
        Gen.Select(AnyText, AnyText).Sample(
            (password, loginId) =>
            {
                var codes = Rules.Check(password, loginId).Select(p => p.Code).ToHashSet();
                var codePoints = password.EnumerateRunes().Count();
                var bytes = Encoding.UTF8.GetByteCount(password);
                return codes.Contains(KegPasswordProblemCodes.TooShort) == (codePoints < 8)
                    && codes.Contains(KegPasswordProblemCodes.TooLong) == (bytes > 72)
                    && codes.Contains(KegPasswordProblemCodes.InvalidCharacters) == HasInvalid(password);
            },
            iter: PropertyRuns.Iterations(5_000),
            threads: PropertyRuns.Threads);
    }

    [Fact]
    public void What_the_rules_accept_fits_bcrypt_and_has_a_utf8_form()
    {
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        AnyText.Sample(
            password =>
            {
                if (Rules.Check(password, null).Count > 0)
                {
                    return true;
                }

                return strict.GetByteCount(password) <= 72;   // throws on a lone surrogate
            },
            iter: PropertyRuns.Iterations(5_000),
            threads: PropertyRuns.Threads);
    }

    private static bool HasInvalid(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsControl(s[i]))
            {
                return true;
            }

            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }
}
