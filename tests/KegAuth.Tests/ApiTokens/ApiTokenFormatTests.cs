using Xunit;

namespace KegAuth.Tests.ApiTokens;

/// <summary>The API token layout: padded urlsafe base64 of the login id, a dot, the raw token.</summary>
public class ApiTokenFormatTests
{
    [Theory]
    [InlineData("a", "YQ==.tok")]
    [InlineData("ab", "YWI=.tok")]
    [InlineData("abc", "YWJj.tok")]
    [InlineData("zoë@exämple.com", "em_Dq0BleMOkbXBsZS5jb20=.tok")]
    [InlineData("??>", "Pz8-.tok")]
    public void Formats_as_python_writes_it(string loginId, string expected) => Assert.Equal(expected, ApiTokenFormat.Format(loginId, "tok"));

    [Theory]
    [InlineData("a")]
    [InlineData("zoë@exämple.com")]
    [InlineData("??>")]
    [InlineData("😀 emoji")]
    public void Parses_what_it_formats(string loginId)
    {
        Assert.True(ApiTokenFormat.TryParse(ApiTokenFormat.Format(loginId, "raw"), out var parsed, out var raw));
        Assert.Equal(loginId, parsed);
        Assert.Equal("raw", raw);
    }

    [Fact]
    public void Refuses_an_empty_login_id_or_a_raw_token_with_a_dot()
    {
        Assert.Equal("loginId", Assert.Throws<ArgumentException>(() => ApiTokenFormat.Format(string.Empty, "raw")).ParamName);
        Assert.Equal("rawToken", Assert.Throws<ArgumentException>(() => ApiTokenFormat.Format("a", "r.w")).ParamName);
    }
}
