using KegAuth.Infrastructure;
using Xunit;

namespace KegAuth.Tests.ApiTokens;

/// <summary>Issue 13 item 15: an API token under 64 bits of entropy is refused; genword's own math is unchanged.</summary>
public sealed class TokenEntropyFloorTests
{
    private static readonly KegAuthOptions Options = new() { SecretKey = "entropy-floor-test-secret-of-32-characters", PasswordWorkFactor = 4 };

    /// <summary>The review's call: it made a 1-character token.</summary>
    [Fact]
    public void ResetAuthToken_length_1_entropy_0_is_refused_naming_both_and_keeps_the_old_token()
    {
        var user = new TokenUser();
        var old = user.ResetAuthToken(Options);

        var error = Assert.Throws<ArgumentException>(() => user.ResetAuthToken(Options, length: 1, entropyBits: 0));

        Assert.Equal("length", error.ParamName);
        Assert.Contains("length", error.Message, StringComparison.Ordinal);
        Assert.Contains("entropyBits", error.Message, StringComparison.Ordinal);
        Assert.Contains("64 bits", error.Message, StringComparison.Ordinal);
        Assert.True(user.VerifyToken(old));
    }

    [Fact]
    public void Entropy_alone_under_the_floor_is_refused_naming_entropyBits()
    {
        var error = Assert.Throws<ArgumentException>(() => TokenUser.GenerateRawAuthToken(length: null, entropyBits: KegEntropy.Strong));

        Assert.Equal("entropyBits", error.ParamName);
    }

    /// <summary>64 bits is 16 hex, 12 ascii_50 and 11 ascii_62/ascii_72 characters; one fewer is refused.</summary>
    [Theory]
    [InlineData("hex", 16)]
    [InlineData("ascii_50", 12)]
    [InlineData("ascii_62", 11)]
    [InlineData("ascii_72", 11)]
    public void The_floor_is_64_bits_for_each_charset(string charset, int shortest)
    {
        Assert.Equal(shortest, TokenUser.GenerateRawAuthToken(length: shortest, charset: charset).Length);
        Assert.Throws<ArgumentException>(() => TokenUser.GenerateRawAuthToken(length: shortest - 1, charset: charset));
        Assert.Equal(shortest - 1, Genword.Generate(shortest - 1, null, charset).Length);
    }

    [Fact]
    public void The_defaults_pass()
    {
        Assert.Equal(32, TokenUser.GenerateRawAuthToken().Length);
        Assert.Equal(32, KegApiTokens.GenerateRaw(32, null, "ascii_50").Length);
    }
}
