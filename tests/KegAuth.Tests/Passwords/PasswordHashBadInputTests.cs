using Xunit;

namespace KegAuth.Tests.Passwords;

/// <summary>
/// Malformed stored values are refused with a <see cref="FormatException"/> that never repeats them,
/// and verification answers false on any candidate without throwing.
/// </summary>
public sealed class PasswordHashBadInputTests
{
    private const string Bcrypt = "$2b$04$upYOdd0u5YPfpkujVTvig.Vblccptv2pHnYFUtk2sPQ8LzMunCM.e";
    private const string BcryptTail = "upYOdd0u5YPfpkujVTvig.Vblccptv2pHnYFUtk2sPQ8LzMunCM.e";
    private const string Pbkdf2 = "$pbkdf2-sha256$1001$WQuBcE6JUSqltNb6PweA0A$1bop82p.eYTxMNFmoYBUb6kquz/eH3xfXuYfw8Egeag";
    private const string Pbkdf2Salt = "WQuBcE6JUSqltNb6PweA0A";
    private const string Pbkdf2Checksum = "1bop82p.eYTxMNFmoYBUb6kquz/eH3xfXuYfw8Egeag";
    private const string FastSalt = "AAECAwQFBgcICQoLDA0ODw";
    private const string FastDigest = "ESIzRFVmd4iZqrvM3e7/ABEiM0RVZneImaq7zN3u.wA";
    private const string Fast = "$keg-sha256$v1$" + FastSalt + "$" + FastDigest;

    /// <summary>Values FromHash must refuse, each with a label for the test name.</summary>
    public static TheoryData<string, string> Malformed() => new()
    {
        { "empty", "" },
        { "whitespace", "   " },
        { "bcrypt truncated", Bcrypt[..^1] },
        { "bcrypt prefix only", "$2b$04$" },
        { "bcrypt one char too long", Bcrypt + "e" },
        { "bcrypt trailing newline", Bcrypt[..^1] + "\n" },
        { "bcrypt cost 99", "$2b$99$" + BcryptTail },
        { "bcrypt cost 03", "$2b$03$" + BcryptTail },
        { "bcrypt cost 32", "$2b$32$" + BcryptTail },
        { "bcrypt one-digit cost", "$2b$4$" + BcryptTail + "e" },
        { "bcrypt non-digit cost", "$2b$0x$" + BcryptTail },
        { "bcrypt $2x$", "$2x$04$" + BcryptTail },
        { "bcrypt $2$", "$2$04$" + BcryptTail + "e" },
        { "md5-crypt $1$", "$1$saltsalt$qjXMvbEw8oaL.CzflDugX." },
        { "argon2", "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG" },
        { "bcrypt non-ASCII", "$2b$04$" + BcryptTail[..^1] + "é" },
        { "bcrypt bad alphabet", "$2b$04$" + BcryptTail[..^1] + "+" },
        { "pbkdf2 rounds 0", $"$pbkdf2-sha256$0${Pbkdf2Salt}${Pbkdf2Checksum}" },
        { "pbkdf2 rounds leading zero", $"$pbkdf2-sha256$01001${Pbkdf2Salt}${Pbkdf2Checksum}" },
        { "pbkdf2 rounds non-numeric", $"$pbkdf2-sha256$abc${Pbkdf2Salt}${Pbkdf2Checksum}" },
        { "pbkdf2 rounds leading garbage", $"$pbkdf2-sha256$x1001${Pbkdf2Salt}${Pbkdf2Checksum}" },
        { "pbkdf2 rounds signed", $"$pbkdf2-sha256$+1001${Pbkdf2Salt}${Pbkdf2Checksum}" },
        { "pbkdf2 rounds negative", $"$pbkdf2-sha256$-1001${Pbkdf2Salt}${Pbkdf2Checksum}" },
        { "pbkdf2 rounds with space", $"$pbkdf2-sha256$ 1001${Pbkdf2Salt}${Pbkdf2Checksum}" },
        { "pbkdf2 rounds empty", $"$pbkdf2-sha256$${Pbkdf2Salt}${Pbkdf2Checksum}" },
        { "pbkdf2 rounds over passlib's 2^32 - 1", $"$pbkdf2-sha256$4294967296${Pbkdf2Salt}${Pbkdf2Checksum}" },
        { "pbkdf2 rounds huge", $"$pbkdf2-sha256$99999999999999999999${Pbkdf2Salt}${Pbkdf2Checksum}" },
        { "pbkdf2 salt with +", $"$pbkdf2-sha256$1001${Pbkdf2Salt[..^1]}+${Pbkdf2Checksum}" },
        { "pbkdf2 salt padded", $"$pbkdf2-sha256$1001${Pbkdf2Salt}==${Pbkdf2Checksum}" },
        { "pbkdf2 salt bad char", $"$pbkdf2-sha256$1001${Pbkdf2Salt[..^1]}*${Pbkdf2Checksum}" },
        { "pbkdf2 salt impossible length", $"$pbkdf2-sha256$1001$ABCDE${Pbkdf2Checksum}" },
        { "pbkdf2 checksum with +", $"$pbkdf2-sha256$1001${Pbkdf2Salt}${Pbkdf2Checksum[..^1]}+" },
        { "pbkdf2 checksum too short", $"$pbkdf2-sha256$1001${Pbkdf2Salt}${Pbkdf2Checksum[..^1]}" },
        { "pbkdf2 checksum too long", $"$pbkdf2-sha256$1001${Pbkdf2Salt}${Pbkdf2Checksum}A" },
        { "pbkdf2 checksum of sha1 length", $"$pbkdf2-sha256$1001${Pbkdf2Salt}$AAAAAAAAAAAAAAAAAAAAAAAAAAA" },
        { "pbkdf2 missing checksum", $"$pbkdf2-sha256$1001${Pbkdf2Salt}" },
        { "pbkdf2 extra field", $"{Pbkdf2}$AAAA" },
        { "pbkdf2 salt too long", $"$pbkdf2-sha256$1001${new string('A', 1400)}${Pbkdf2Checksum}" },
        { "pbkdf2 uppercase ident", "$PBKDF2-SHA256" + Pbkdf2[14..] },
        { "pbkdf2-sha1", $"$pbkdf2$1001${Pbkdf2Salt}$AAAAAAAAAAAAAAAAAAAAAAAAAAA" },
        { "fast version v2", $"$keg-sha256$v2${FastSalt}${FastDigest}" },
        { "fast salt bad char", $"$keg-sha256$v1${FastSalt[..^1]}*${FastDigest}" },
        { "fast salt with +", $"$keg-sha256$v1${FastSalt[..^1]}+${FastDigest}" },
        { "fast salt short", $"$keg-sha256$v1${FastSalt[..^1]}${FastDigest}" },
        { "fast salt long", $"$keg-sha256$v1${FastSalt}AA${FastDigest[..^2]}" },
        { "fast digest short", $"$keg-sha256$v1${FastSalt}${FastDigest[..^1]}" },
        { "fast digest long", $"{Fast}A" },
        { "fast digest padded", $"{Fast}=" },
        { "fast separator replaced", $"$keg-sha256$v1${FastSalt}A{FastDigest}" },
        { "fast non-ASCII", $"$keg-sha256$v1${FastSalt}${FastDigest[..^1]}é" },
    };

    /// <summary>Each malformed value is a FormatException whose message does not repeat it.</summary>
    [Theory]
    [MemberData(nameof(Malformed))]
    public void FromHash_refuses_malformed_value_without_quoting_it(string label, string value)
    {
        var ex = Assert.Throws<FormatException>(() => PasswordHash.FromHash(value));

        Assert.False(string.IsNullOrWhiteSpace(ex.Message), label);
        if (value.Trim().Length > 0)
        {
            Assert.DoesNotContain(value, ex.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>The well-formed neighbours of the malformed values are accepted, so those tests prove something.</summary>
    [Theory]
    [InlineData(Bcrypt)]
    [InlineData(Pbkdf2)]
    [InlineData(Fast)]
    [InlineData("$pbkdf2-sha256$1$" + Pbkdf2Salt + "$" + Pbkdf2Checksum)]
    [InlineData("$pbkdf2-sha256$10000000$" + Pbkdf2Salt + "$" + Pbkdf2Checksum)]
    [InlineData("$pbkdf2-sha256$4294967295$" + Pbkdf2Salt + "$" + Pbkdf2Checksum)]
    [InlineData("$pbkdf2-sha256$1001$$" + Pbkdf2Checksum)]
    [InlineData("$2a$31$" + BcryptTail)]
    public void FromHash_accepts_well_formed_value(string value)
    {
        Assert.Equal(value, PasswordHash.FromHash(value).Hash);
    }

    /// <summary>A null stored value is a programming error.</summary>
    [Fact]
    public void FromHash_null_throws_ArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => PasswordHash.FromHash(null!));
    }

    /// <summary>Odd candidates against each scheme give false and never an exception.</summary>
    [Theory]
    [InlineData(Bcrypt)]
    [InlineData(Pbkdf2)]
    [InlineData(Fast)]
    public void Verify_answers_false_on_odd_candidates(string hash)
    {
        var stored = PasswordHash.FromHash(hash);

        Assert.False(stored.Verify(null));
        Assert.False(stored.Verify(""));
        Assert.False(stored.Verify("pässwörd€ 🔑 ünïcödé"));
        Assert.False(stored.Verify(new string('x', 10_000)));
        Assert.False(stored.Verify(string.Concat(Enumerable.Repeat("é🔑", 2_500))));
        Assert.False(stored.Verify("lone \uD800 surrogate"));
        Assert.False(stored.Verify("\0"));
    }

    /// <summary>ToString names the scheme and never shows the hash or any part of it.</summary>
    [Theory]
    [InlineData(Bcrypt, "bcrypt")]
    [InlineData(Pbkdf2, "pbkdf2-sha256")]
    [InlineData(Fast, "keg-sha256")]
    public void ToString_never_contains_the_hash(string hash, string scheme)
    {
        var text = PasswordHash.FromHash(hash).ToString();

        Assert.Equal($"PasswordHash({scheme})", text);
        Assert.DoesNotContain(hash, text, StringComparison.Ordinal);
        Assert.DoesNotContain("$", text, StringComparison.Ordinal);
    }
}
