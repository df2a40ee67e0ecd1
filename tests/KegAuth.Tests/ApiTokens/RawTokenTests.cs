using Xunit;

namespace KegAuth.Tests.ApiTokens;

/// <summary>keg-auth's token-mixin tests for raw tokens, and passlib genword's rules.</summary>
public class RawTokenTests
{
    /// <summary>passlib's genword gives one character for length 1; the API-token entry point refuses it (see <see cref="TokenEntropyFloorTests"/>).</summary>
    [Fact]
    public void Length_one_gives_one_character_in_genword() => Assert.Single(Genword.Generate(length: 1, entropyBits: null, "ascii_50"));

    [Fact]
    public void Default_length_is_32() => Assert.Equal(32, TokenUser.GenerateRawAuthToken().Length);

    [Fact]
    public void Secure_entropy_with_default_length_stays_32() => Assert.Equal(32, TokenUser.GenerateRawAuthToken(entropyBits: KegEntropy.Secure).Length);

    [Fact]
    public void Secure_entropy_without_length_gives_11_in_genword() => Assert.Equal(11, Genword.Generate(length: null, entropyBits: KegEntropy.Secure, "ascii_50").Length);

    [Fact]
    public void Entropy_64_without_length_gives_12() => Assert.Equal(12, TokenUser.GenerateRawAuthToken(length: null, entropyBits: 64).Length);

    [Fact]
    public void Hex_has_no_uppercase()
    {
        var token = TokenUser.GenerateRawAuthToken(length: 200, charset: "hex");

        Assert.Equal(200, token.Length);
        Assert.All(token, c => Assert.Contains(c, "0123456789abcdef"));
    }

    [Fact]
    public void Neither_length_nor_entropy_uses_passlib_strong_in_genword() => Assert.Equal(9, Genword.Generate(length: null, entropyBits: null, "ascii_50").Length);

    [Theory]
    [InlineData("ascii_72")]
    [InlineData("ascii_62")]
    [InlineData("ascii_50")]
    [InlineData("hex")]
    public void Every_character_comes_from_the_charset(string charset)
    {
        var token = TokenUser.GenerateRawAuthToken(length: 500, charset: charset);

        Assert.All(token, c => Assert.Contains(c, Genword.Charsets[charset]));
    }

    [Fact]
    public void Each_character_of_a_small_charset_turns_up_about_equally_often()
    {
        // 16,000 hex characters: each of the 16 expected 1,000 times; 800..1200 is over six sigma.
        var counts = TokenUser.GenerateRawAuthToken(length: 16_000, charset: "hex").GroupBy(c => c).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(16, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 800, 1200));
    }

    [Fact]
    public void Tokens_differ() => Assert.NotEqual(TokenUser.GenerateRawAuthToken(), TokenUser.GenerateRawAuthToken());

    [Fact]
    public void Unknown_charset_is_an_argument_exception_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => TokenUser.GenerateRawAuthToken(charset: "ascii_99"));
        Assert.Equal("charset", error.ParamName);
    }

    [Fact]
    public void Null_charset_is_rejected() => Assert.Throws<ArgumentNullException>(() => TokenUser.GenerateRawAuthToken(charset: null!));

    [Fact]
    public void Zero_length_without_entropy_is_an_argument_exception_naming_length()
    {
        var error = Assert.Throws<ArgumentException>(() => TokenUser.GenerateRawAuthToken(length: 0));
        Assert.Equal("length", error.ParamName);
    }

    [Fact]
    public void Zero_entropy_without_length_is_an_argument_exception_naming_entropy()
    {
        var error = Assert.Throws<ArgumentException>(() => TokenUser.GenerateRawAuthToken(length: null, entropyBits: 0));
        Assert.Equal("entropyBits", error.ParamName);
    }

    [Theory]
    [InlineData(-1, null, "length")]
    [InlineData(null, -1, "entropyBits")]
    public void Negative_values_are_out_of_range(int? length, int? entropyBits, string name)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => TokenUser.GenerateRawAuthToken(length, entropyBits));
        Assert.Equal(name, error.ParamName);
    }
}
