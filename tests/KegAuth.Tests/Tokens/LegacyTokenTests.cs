using Xunit;
using static KegAuth.Tests.Tokens.TokenTestKit;

namespace KegAuth.Tests.Tokens;

/// <summary>The itsdangerous-era layout: SHA-1 key, times in the header, accepted only when allowed.</summary>
public sealed class LegacyTokenTests
{
    private const string LegacyHeader = """{"alg":"HS512","iat":1699999000,"exp":1700000600,"typ":"JWT"}""";

    [Fact]
    public void Legacy_token_verifies_only_when_allowed()
    {
        var token = SignLegacy(LegacyHeader, """{"user_id":42}""");
        Assert.True(Verify(token, Options(allowLegacy: true)));
        Assert.False(Verify(token, Options(allowLegacy: false)));
    }

    [Fact]
    public void Legacy_token_expires_after_its_header_exp_second()
    {
        var token = SignLegacy(LegacyHeader, """{"user_id":42}""");
        Assert.True(Verify(token, Options(1_700_000_600, allowLegacy: true)));
        Assert.False(Verify(token, Options(1_700_000_601, allowLegacy: true)));
    }

    [Fact]
    public void Payload_times_do_not_stand_in_for_header_times()
    {
        // Current layout signed with the legacy key: the legacy reading finds no times in the header.
        Assert.False(Verify(SignLegacy(Header, Payload()), Options(allowLegacy: true)));
    }

    [Fact]
    public void Legacy_layout_signed_with_the_current_key_fails()
    {
        // The key decides the layout, so header times never rescue a current-key token.
        Assert.False(Verify(Sign(LegacyHeader, """{"user_id":42}"""), Options(allowLegacy: true)));
    }

    [Theory]
    [InlineData("""{"alg":"HS512","exp":1700000600}""")]
    [InlineData("""{"alg":"HS512","iat":1699999000}""")]
    [InlineData("""{"alg":"HS256","iat":1699999000,"exp":1700000600}""")]
    [InlineData("""{"iat":1699999000,"exp":1700000600}""")]
    [InlineData("""{"alg":"HS512","iat":1699999000,"exp":"1700000600"}""")]
    [InlineData("""{"alg":"HS512","iat":1699999000,"exp":1700000600,"exp":1700000600}""")]
    public void Bad_legacy_header_fails(string header)
    {
        Assert.False(Verify(SignLegacy(header, """{"user_id":42}"""), Options(allowLegacy: true)));
    }

    [Theory]
    [InlineData("""{"user_id":43}""")]
    [InlineData("""{"user_id":"42"}""")]
    [InlineData("""{}""")]
    public void Legacy_token_for_another_user_fails(string payload)
    {
        Assert.False(Verify(SignLegacy(LegacyHeader, payload), Options(allowLegacy: true)));
    }

    [Fact]
    public void Legacy_token_under_another_salt_fails()
    {
        var token = SignRaw(B64(LegacyHeader), B64("""{"user_id":42}"""), LegacyKey(salt: "[\"other\"]"));
        Assert.False(Verify(token, Options(allowLegacy: true)));
    }
}
