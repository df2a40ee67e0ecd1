using Xunit;

namespace KegAuth.Tests.Passwords;

/// <summary>
/// Argument guards, each shown to be the guard that fires: the inputs are chosen so that, without
/// it, a later check would throw something else (another type or parameter name) or succeed.
/// </summary>
public sealed class PasswordHashGuardTests
{
    private const string FastSalt = "AAECAwQFBgcICQoLDA0ODw";
    private const string FastDigest = "ESIzRFVmd4iZqrvM3e7/ABEiM0RVZneImaq7zN3u.wA";
    private const string Fast = "$keg-sha256$v1$" + FastSalt + "$" + FastDigest;

    [Fact]
    public void Create_names_plain_when_it_is_null()
    {
        // Without the guard the UTF-8 check would throw for its own parameter name.
        Assert.Equal("plain", Assert.Throws<ArgumentNullException>(() => PasswordHash.Create(null!, 4)).ParamName);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(32)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Create_checks_the_work_factor_before_the_password(int workFactor)
    {
        // An unpaired surrogate would be an ArgumentException; the range check must come first.
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => PasswordHash.Create("bad\uD800", workFactor));
        Assert.Equal("workFactor", ex.ParamName);
    }

    [Fact]
    public void Create_at_the_lowest_cost_works()
    {
        var hash = PasswordHash.Create("hunter2", 4);
        Assert.StartsWith("$2b$04$", hash.Hash, StringComparison.Ordinal);
        Assert.True(hash.Verify("hunter2"));
        Assert.False(hash.Verify("hunter3"));
    }

    [Fact]
    public void CreateForToken_names_rawToken_for_null_and_empty()
    {
        Assert.Equal("rawToken", Assert.Throws<ArgumentNullException>(() => PasswordHash.CreateForToken(null!)).ParamName);
        Assert.Equal("rawToken", Assert.Throws<ArgumentException>(() => PasswordHash.CreateForToken(string.Empty)).ParamName);
    }

    [Fact]
    public void FromHash_names_storedHash_when_it_is_null()
    {
        Assert.Equal("storedHash", Assert.Throws<ArgumentNullException>(() => PasswordHash.FromHash(null!)).ParamName);
    }

    [Fact]
    public void Verify_of_null_is_false_even_for_the_hash_of_an_empty_looking_token()
    {
        Assert.False(PasswordHash.CreateForToken("x").Verify(null));
        Assert.False(PasswordHash.FromHash(Fast).Verify(null));
    }

    [Fact]
    public void FromHash_error_names_the_supported_schemes_and_the_length_but_not_the_value()
    {
        var ex = Assert.Throws<FormatException>(() => PasswordHash.FromHash("not-a-hash"));
        Assert.Contains("(bcrypt, pbkdf2-sha256, keg-sha256)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("its length was 10.", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-hash", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Values of exactly the fast-hash length (81) that break one rule each.</summary>
    public static TheoryData<string, string> FastLookalikes() => new()
    {
        { "81 characters of nothing", new string('x', 81) },
        { "81 dollars", new string('$', 81) },
        { "right length, other prefix", "$keg-sha257$v1$" + FastSalt + "$" + FastDigest },
        { "right length, separator moved", "$keg-sha256$v1$" + FastSalt[..^1] + "$A" + FastDigest },
        { "right length, separator is a dot", "$keg-sha256$v1$" + FastSalt + "." + FastDigest },
        { "right length, digest with a bad char", "$keg-sha256$v1$" + FastSalt + "$" + FastDigest[..^1] + "-" },
        { "right length, salt with a bad char", "$keg-sha256$v1$-" + FastSalt[1..] + "$" + FastDigest },
    };

    [Theory]
    [MemberData(nameof(FastLookalikes))]
    public void FromHash_refuses_fast_hash_lookalikes(string label, string value)
    {
        Assert.Equal(81, value.Length);
        Assert.Throws<FormatException>(() => PasswordHash.FromHash(value));
        _ = label;
    }

    [Theory]
    [InlineData("$keg-sha256$v1$")]
    [InlineData("$keg-sha256$v1$" + FastSalt)]
    [InlineData("$keg-sha256$v1$" + FastSalt + "$")]
    public void FromHash_refuses_a_truncated_fast_hash_without_an_index_error(string value)
    {
        Assert.Throws<FormatException>(() => PasswordHash.FromHash(value));
    }

    [Fact]
    public void A_fast_hash_verifies_only_its_own_token()
    {
        var hash = PasswordHash.CreateForToken("f7Rb3wryEvbhUrhdzTrbjG7kFkh6WQgJ");
        var reread = PasswordHash.FromHash(hash.Hash);
        Assert.True(reread.IsFastTokenHash);
        Assert.True(reread.Verify("f7Rb3wryEvbhUrhdzTrbjG7kFkh6WQgJ"));
        Assert.False(reread.Verify("f7Rb3wryEvbhUrhdzTrbjG7kFkh6WQgK"));
        Assert.False(reread.Verify("f7Rb3wryEvbhUrhdzTrbjG7kFkh6WQg"));
    }
}
