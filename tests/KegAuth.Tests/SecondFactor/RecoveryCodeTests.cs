using Xunit;

namespace KegAuth.Tests.SecondFactor;

/// <summary>Recovery codes: shown once, stored hashed, each redeemable once, compared in constant time.</summary>
public sealed class RecoveryCodeTests
{
    [Fact]
    public void Generated_codes_are_distinct_two_groups_of_five_from_the_unambiguous_alphabet()
    {
        var codes = KegRecoveryCodes.Generate();

        Assert.Equal(KegRecoveryCodes.DefaultCount, codes.Count);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$", code));
    }

    [Fact]
    public void Each_code_redeems_once_and_the_rest_stay()
    {
        var codes = KegRecoveryCodes.Generate(3);
        var stored = KegRecoveryCodes.Hash(codes);
        Assert.Equal(3, KegRecoveryCodes.Count(stored));
        Assert.DoesNotContain(codes[1], stored, StringComparison.Ordinal);

        Assert.True(KegRecoveryCodes.TryRedeem(stored, codes[1], out var remaining));
        Assert.Equal(2, KegRecoveryCodes.Count(remaining));
        Assert.False(KegRecoveryCodes.TryRedeem(remaining, codes[1], out var unchanged));
        Assert.Equal(remaining, unchanged);
        Assert.True(KegRecoveryCodes.TryRedeem(remaining, codes[0], out remaining));
        Assert.True(KegRecoveryCodes.TryRedeem(remaining, codes[2], out remaining));
        Assert.Equal(0, KegRecoveryCodes.Count(remaining));
        Assert.False(KegRecoveryCodes.TryRedeem(remaining, codes[0], out _));
    }

    [Fact]
    public void Case_spaces_and_the_hyphen_do_not_matter()
    {
        var code = KegRecoveryCodes.Generate(1)[0];
        var stored = KegRecoveryCodes.Hash([code]);

        Assert.True(KegRecoveryCodes.TryRedeem(stored, " " + code.ToUpperInvariant().Replace("-", " ", StringComparison.Ordinal) + " ", out _));
        Assert.True(KegRecoveryCodes.TryRedeem(stored, code.Replace("-", string.Empty, StringComparison.Ordinal), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcde")]
    [InlineData("abcde-fghjk-m")]
    [InlineData("abcde-fghj0")] // 0 is not in the alphabet
    [InlineData("abcde\u0000fghjk")]
    [InlineData("ａbcde-fghjk")] // full-width letter
    public void Malformed_codes_are_refused_without_throwing(string? code)
    {
        var stored = KegRecoveryCodes.Hash(KegRecoveryCodes.Generate(2));

        Assert.False(KegRecoveryCodes.TryRedeem(stored, code, out var remaining));
        Assert.Equal(stored, remaining);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-hash")]
    [InlineData("$2b$04$abcdefghijklmnopqrstuu5u0lL9b0E0T6ZPZ0rXHn3P6E7s6o5Yu")]
    public void Stored_text_that_is_not_recovery_hashes_redeems_nothing(string? stored)
        => Assert.False(KegRecoveryCodes.TryRedeem(stored, "abcde-fghjk", out _));

    [Fact]
    public void Huge_input_is_refused()
    {
        var stored = KegRecoveryCodes.Hash(KegRecoveryCodes.Generate(1));

        Assert.False(KegRecoveryCodes.TryRedeem(stored, new string('a', 1_000_000), out _));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void Set_sizes_outside_1_to_50_are_refused(int count)
        => Assert.Throws<ArgumentOutOfRangeException>(() => KegRecoveryCodes.Generate(count));

    [Fact]
    public void Hash_refuses_what_is_not_a_code()
    {
        Assert.Throws<ArgumentException>(() => KegRecoveryCodes.Hash(["password1"]));
        Assert.Throws<ArgumentException>(() => KegRecoveryCodes.Hash([]));
    }
}
