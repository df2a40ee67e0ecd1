using Xunit;

namespace KegAuth.Tests.ApiTokens;

/// <summary>keg-auth's <c>verify_token</c> cases, and reset.</summary>
public class VerifyTokenTests
{
    private static readonly KegAuthOptions Options = new() { SecretKey = "api-token-test-secret-of-32-characters-or-more", PasswordWorkFactor = 4 };

    [Fact]
    public void The_same_token_verifies() => Assert.True(new TokenUser { Token = PasswordHash.CreateForToken("123") }.VerifyToken("123"));

    [Fact]
    public void A_different_token_does_not() => Assert.False(new TokenUser { Token = PasswordHash.CreateForToken("123") }.VerifyToken("abc"));

    [Fact]
    public void A_400_character_stored_token_does_not_match_abc() =>
        Assert.False(new TokenUser { Token = PasswordHash.CreateForToken(new string('x', 400)) }.VerifyToken("abc"));

    [Fact]
    public void A_bcrypt_stored_token_verifies_as_keg_auth_wrote_it()
    {
        var user = new TokenUser { Token = PasswordHash.Create("123", 4) };

        Assert.True(user.VerifyToken("123"));
        Assert.False(user.VerifyToken("abc"));
    }

    [Fact]
    public void No_stored_token_never_verifies() => Assert.False(new TokenUser().VerifyToken("123"));

    [Fact]
    public void Null_and_empty_never_verify()
    {
        var user = new TokenUser { Token = PasswordHash.CreateForToken("123") };

        Assert.False(user.VerifyToken(null));
        Assert.False(user.VerifyToken(string.Empty));
    }

    [Fact]
    public void Reset_stores_a_fast_hash_of_the_returned_token()
    {
        var user = new TokenUser();

        var raw = user.ResetAuthToken(Options);

        Assert.Equal(32, raw.Length);
        Assert.True(user.Token!.IsFastTokenHash);
        Assert.True(user.VerifyToken(raw));
    }

    [Fact]
    public void Reset_invalidates_the_old_token()
    {
        var user = new TokenUser();
        var first = user.ResetAuthToken(Options);

        var second = user.ResetAuthToken(Options);

        Assert.NotEqual(first, second);
        Assert.False(user.VerifyToken(first));
        Assert.True(user.VerifyToken(second));
    }

    [Fact]
    public void Reset_passes_length_entropy_and_charset_on()
    {
        var user = new TokenUser();

        var raw = user.ResetAuthToken(Options, length: null, entropyBits: 70, charset: "hex");

        Assert.Equal(18, raw.Length);
        Assert.True(user.VerifyToken(raw));
    }
}
