using KegAuth.Infrastructure;
using Xunit;

namespace KegAuth.Tests.SecurityCore;

/// <summary>
/// The security core's errors say what is wrong and how to fix it: a developer reads these messages,
/// so a message emptied or swapped for another is a defect these tests notice (the mutation run's
/// string survivors).
/// </summary>
public sealed class SecurityCoreMessageTests
{
    [Fact]
    public void A_negative_length_or_entropy_is_named_in_the_message()
    {
        var length = Assert.Throws<ArgumentOutOfRangeException>(() => Genword.Length(-1, null, "ascii_50"));
        Assert.Equal("length", length.ParamName);
        Assert.StartsWith("The length must not be negative.", length.Message, StringComparison.Ordinal);

        var entropy = Assert.Throws<ArgumentOutOfRangeException>(() => Genword.Length(null, -1, "ascii_50"));
        Assert.Equal("entropyBits", entropy.ParamName);
        Assert.StartsWith("The entropy must not be negative.", entropy.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0, "length")]
    [InlineData(null, 0, "entropyBits")]
    public void An_empty_token_is_refused_naming_what_asked_for_it(int? length, int? entropyBits, string parameter)
    {
        var error = Assert.Throws<ArgumentException>(() => Genword.Generate(length, entropyBits, "ascii_50"));

        Assert.Equal(parameter, error.ParamName);
        Assert.StartsWith("The length and entropy ask for an empty token; give a positive length or entropy.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_charset_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Genword.Generate(8, null, "klingon"));

        Assert.Equal("charset", error.ParamName);
        Assert.StartsWith("Unknown charset; use one of " + string.Join(", ", Genword.Charsets.Keys) + ".", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_weak_api_token_request_says_how_to_fix_it()
    {
        var error = Assert.Throws<ArgumentException>(() => KegApiTokens.GenerateRaw(8, null, "hex"));

        Assert.Contains("8-character hex token of about 32 bits", error.Message, StringComparison.Ordinal);
        Assert.Contains("Raise length or entropyBits, or keep the defaults (32 characters, about 180 bits).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Api_token_parts_that_could_never_be_presented_back_are_named()
    {
        var nul = Assert.Throws<ArgumentException>(() => ApiTokenFormat.Format("ada\0", "raw"));
        Assert.Equal("loginId", nul.ParamName);
        Assert.StartsWith("A login id must not contain a NUL character.", nul.Message, StringComparison.Ordinal);

        var dot = Assert.Throws<ArgumentException>(() => ApiTokenFormat.Format("ada", "raw.token"));
        Assert.Equal("rawToken", dot.ParamName);
        Assert.StartsWith("A raw token must not contain '.'.", dot.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unpaired_surrogate_is_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => ApiTokenFormat.Format("ada\uD800", "raw"));

        Assert.Equal("loginId", error.ParamName);
        Assert.StartsWith("The value is not valid UTF-16: it has an unpaired surrogate, which has no UTF-8 form.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_validator_or_problem_is_named()
    {
        var validator = Assert.Throws<ArgumentException>(() => new KegPasswordPolicy([null!]));
        Assert.StartsWith("A password validator is null.", validator.Message, StringComparison.Ordinal);

        var problem = Assert.Throws<ArgumentNullException>(() => new KegPasswordCheck([null!]));
        Assert.StartsWith("A password problem is null.", problem.Message, StringComparison.Ordinal);
    }
}
