using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Xunit;

namespace KegAuth.Tests.Properties;

/// <summary>
/// <see cref="PasswordHash.FromHash"/> and <see cref="PasswordHash.Verify"/> on hostile stored
/// values and candidates: arbitrary text, mutated bcrypt hashes (truncated, wrong cost field,
/// non-ASCII), passlib pbkdf2 with bad rounds or base64. FromHash throws only FormatException
/// (without repeating the value); Verify never throws and never accepts a changed hash.
/// </summary>
public sealed class PasswordHashProperties
{
    private const string Password = "correct horse";

    /// <summary>Verifying a mutated hash costs 2^cost rounds; above this the case only checks parsing.</summary>
    private const int MaxCostToRun = 6;

    private static readonly string Bcrypt = PasswordHash.Create(Password, 4).Hash;

    [Fact]
    public void Arbitrary_text_is_a_hash_or_a_format_error_that_does_not_repeat_it()
    {
        Gen.Frequency((3, TokenGens.Text), (1, Gen.String), (2, Gen.Select(Gen.OneOf("$2a$", "$2b$", "$2y$", "$2x$", "$pbkdf2-sha256$", "$keg-sha256$v1$"), TokenGens.Text, (p, t) => p + t)))
            .Sample(
                text => ParsesCleanly(text, out _),
                iter: PropertyRuns.Iterations(5_000),
                threads: PropertyRuns.Threads);
    }

    [Fact]
    public void A_mutated_bcrypt_hash_never_verifies_unless_only_the_minor_version_changed()
    {
        TokenGens.Mutations.Sample(
            mutations =>
            {
                var stored = mutations.Aggregate(Bcrypt, (current, m) => current.Length == 0 ? current : m.Apply(current));
                if (!ParsesCleanly(stored, out var hash))
                {
                    return false;
                }

                if (hash is null || Cost(stored) > MaxCostToRun)
                {
                    return true;
                }

                // $2a$, $2b$ and $2y$ are the same algorithm for these passwords, as in passlib.
                var sameButMinor = stored.Length == Bcrypt.Length && stored[..2] == Bcrypt[..2] && stored[3..] == Bcrypt[3..];
                return hash.Verify(Password) == sameButMinor && !hash.Verify("wrong");
            },
            iter: PropertyRuns.Iterations(1_000),
            threads: PropertyRuns.Threads);
    }

    [Fact]
    public void Arbitrary_candidates_never_throw_and_only_the_password_verifies()
    {
        var hash = PasswordHash.FromHash(Bcrypt);
        var token = PasswordHash.CreateForToken("raw-token");
        Gen.Frequency((3, TokenGens.Text), (1, Gen.String)).Sample(
            candidate => hash.Verify(candidate) == (candidate == Password) && token.Verify(candidate) == (candidate == "raw-token"),
            iter: PropertyRuns.Iterations(200),
            threads: PropertyRuns.Threads);
    }

    [Fact]
    public void Pbkdf2_with_bad_rounds_or_base64_fails_cleanly_and_a_good_one_verifies()
    {
        var rounds = Gen.Frequency(
            (4, Gen.Int[1, 200].Select(r => (r.ToString(System.Globalization.CultureInfo.InvariantCulture), true))),
            (1, Gen.OneOf(("0", false), ("01", false), ("-1", false), ("+5", false), (" 5", false), ("5 ", false), ("", false),
                ("10000001", false), ("99999999", false), ("999999999999", false), ("1e3", false), ("٣", false), ("abc", false))));
        var base64Damage = Gen.Frequency(
            (3, Gen.Const(string.Empty)),
            (1, Gen.OneOf("=", "+", "-", "_", "é", " ", "\n", "$", "A")));
        Gen.Select(rounds, Gen.Byte.Array[0, 40], base64Damage, Gen.Bool).Sample(
            Pbkdf2Case,
            iter: PropertyRuns.Iterations(500),
            threads: PropertyRuns.Threads);
    }

    private static bool Pbkdf2Case((string Text, bool Ok) r, byte[] salt, string damage, bool damageChecksum)
    {
        var (roundsText, roundsOk) = r;
        var checksum = roundsOk
            ? Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Password), salt, int.Parse(roundsText, System.Globalization.CultureInfo.InvariantCulture), HashAlgorithmName.SHA256, 32)
            : new byte[32];
        var saltText = AdaptedBase64(salt);
        var checksumText = AdaptedBase64(checksum);
        if (damageChecksum)
        {
            checksumText += damage;
        }
        else
        {
            saltText += damage;
        }

        var stored = "$pbkdf2-sha256$" + roundsText + "$" + saltText + "$" + checksumText;
        if (!ParsesCleanly(stored, out var hash))
        {
            return false;
        }

        // Refused cleanly; or parsed, and then built from the real password it verifies exactly when nothing was damaged.
        var intact = roundsOk && damage.Length == 0;
        return hash is null || (hash.Verify(Password) == intact && !hash.Verify("wrong") && hash.NeedsRehash(4));
    }

    /// <summary>passlib's ab64: standard base64, no padding, '.' for '+' (written here, not taken from the library).</summary>
    private static string AdaptedBase64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '.');

    private static int Cost(string bcrypt) =>
        bcrypt.StartsWith("$2", StringComparison.Ordinal) && int.TryParse(bcrypt.AsSpan(4, 2), out var cost) ? cost : 0;

    /// <summary>FromHash returns, or throws FormatException whose message does not contain the value; Verify never throws.</summary>
    private static bool ParsesCleanly(string text, out PasswordHash? hash)
    {
        try
        {
            hash = PasswordHash.FromHash(text);
        }
        catch (FormatException error)
        {
            hash = null;
            return text.Length < 8 || !error.Message.Contains(text, StringComparison.Ordinal);
        }

        return !hash.ToString().Contains(text, StringComparison.Ordinal)
            && (Cost(text) > MaxCostToRun || !hash.Verify("not the password"));
    }
}
