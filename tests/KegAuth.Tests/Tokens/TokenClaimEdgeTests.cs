using KegAuth.Infrastructure;
using Xunit;
using static KegAuth.Tests.Tokens.TokenTestKit;

namespace KegAuth.Tests.Tokens;

/// <summary>The time and user claims at their exact edges, each next to its neighbour on the other side.</summary>
public sealed class TokenClaimEdgeTests
{
    [Fact]
    public void Exp_at_the_last_representable_second_is_valid_and_one_later_is_not()
    {
        Assert.True(Verify(Sign(Header, Payload(exp: "253402300799"))));
        Assert.True(Verify(Sign(Header, Payload(exp: "253402300799.0"))));
        Assert.False(Verify(Sign(Header, Payload(exp: "253402300799.5"))));
        Assert.False(Verify(Sign(Header, Payload(exp: "253402300800"))));
    }

    [Fact]
    public void Exp_equal_to_now_is_valid_and_one_second_earlier_is_not()
    {
        Assert.True(Verify(Sign(Header, Payload(exp: Now.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
        Assert.False(Verify(Sign(Header, Payload(exp: (Now - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)))));
    }

    [Theory]
    [InlineData("1700000000", true)]
    [InlineData("1699999999", true)]
    [InlineData("1700000000.0", true)]
    [InlineData("1700000000.5", false)]
    [InlineData("1700000001", false)]
    public void Nbf_equal_to_now_is_valid_and_any_later_is_not(string nbf, bool valid)
    {
        var payload = $$"""{"user_id":42,"iat":1699999000,"exp":1700000600,"nbf":{{nbf}}}""";
        Assert.Equal(valid, Verify(Sign(Header, payload)));
    }

    [Fact]
    public void Nbf_repeated_is_refused()
    {
        Assert.False(Verify(Sign(Header, """{"user_id":42,"iat":1699999000,"exp":1700000600,"nbf":1,"nbf":2}""")));
    }

    [Fact]
    public void Iat_repeated_is_refused()
    {
        Assert.False(Verify(Sign(Header, """{"user_id":42,"iat":1699999000,"iat":1699999000,"exp":1700000600}""")));
    }

    [Fact]
    public void A_string_user_id_matches_only_the_same_string()
    {
        var user = KegTokenUserId.FromString("abc");
        var payload = (string id) => $$"""{"user_id":{{id}},"iat":1699999000,"exp":1700000600}""";
        Assert.True(KegResetTokens.Verify(Sign(Header, payload("\"abc\"")), user, Salt, Options()));
        Assert.True(KegResetTokens.Verify(Sign(Header, payload("\"a\\u0062c\"")), user, Salt, Options()));
        Assert.False(KegResetTokens.Verify(Sign(Header, payload("\"abd\"")), user, Salt, Options()));
        Assert.False(KegResetTokens.Verify(Sign(Header, payload("\"ABC\"")), user, Salt, Options()));
        Assert.False(KegResetTokens.Verify(Sign(Header, payload("42")), user, Salt, Options()));
    }

    [Fact]
    public void An_integer_user_id_matches_only_the_same_integer()
    {
        var payload = (string id) => $$"""{"user_id":{{id}},"iat":1699999000,"exp":1700000600}""";
        Assert.True(Verify(Sign(Header, payload("42"))));
        Assert.False(Verify(Sign(Header, payload("41"))));
        Assert.False(Verify(Sign(Header, payload("-42"))));
        Assert.False(KegResetTokens.Verify(Sign(Header, payload("42")), KegTokenUserId.FromString("42"), Salt, Options()));
    }

    [Fact]
    public void Unknown_header_properties_of_a_current_token_are_skipped_whatever_their_value()
    {
        Assert.True(Verify(Sign("""{"alg":"HS512","exp":"not a number","iat":[1],"x":{"y":[1,2]}}""", Payload())));
    }

    [Fact]
    public void Unknown_payload_properties_of_a_legacy_token_are_skipped_whatever_their_value()
    {
        const string legacyHeader = """{"alg":"HS512","iat":1699999000,"exp":1700000600}""";
        Assert.True(Verify(SignLegacy(legacyHeader, """{"exp":"x","user_id":42,"iat":[1]}"""), Options(allowLegacy: true)));
    }

    [Fact]
    public void Trailing_whitespace_after_the_object_is_allowed_but_nothing_else()
    {
        Assert.True(Verify(Sign(Header + " \n", Payload() + "\t ")));
        Assert.False(Verify(Sign(Header, Payload() + " 1")));
        Assert.False(Verify(Sign(Header + "{}", Payload())));
    }
}
