using Xunit;

namespace KegAuth.Tests.ApiTokens;

/// <summary>
/// <see cref="ApiTokenFormat.TryParse"/> on its own: every malformed shape is refused by the parser
/// itself (not only by the later user lookup), and a refusal leaves both outputs empty.
/// </summary>
public sealed class ApiTokenParseTests
{
    /// <summary>Each value is refused; the label says which rule refuses it.</summary>
    public static TheoryData<string, string?> Malformed() => new()
    {
        { "null", null },
        { "empty", "" },
        { "no dot", "YWJj" },
        { "dot only", "." },
        { "leading dot (empty login id)", ".raw" },
        { "trailing dot (empty raw token)", "YWJj." },
        { "second dot in the raw token", "YWJj.ra.w" },
        { "second dot right after the first", "YWJj..raw" },
        { "dot at the end after a raw token", "YWJj.raw." },
        { "login id of padding only", "====.raw" },
        { "unpadded base64url (length 2)", "YQ.raw" },
        { "unpadded base64url (length 3)", "YWI.raw" },
        { "one padding char short", "YQ=.raw" },
        { "length 4n+1", "YWJjZ.raw" },
        { "length 4n+2", "YWJjZA.raw" },
        { "standard '+' instead of '-'", "Pz8+.raw" },
        { "standard '/' instead of '_'", "Pz8/.raw" },
        { "trailing spaces that make the length a multiple of 4", "YWJj    .raw" },
        { "leading spaces that make the length a multiple of 4", "    YWJj.raw" },
        { "a tab and newlines inside", "YW\tJj\n\n\n.raw" },
        { "non-base64 character", "YQ*=.raw" },
        { "padding in the middle", "YQ==YWJj.raw" },
        { "invalid UTF-8 (0xFF)", "_w==.raw" },
        { "lone UTF-8 continuation byte", "gA==.raw" },
        { "UTF-8 encoded surrogate (CESU)", "7aCA.raw" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Refuses_a_malformed_token(string label, string? token)
    {
        Assert.False(ApiTokenFormat.TryParse(token, out var loginId, out var rawToken), label);
        Assert.Equal(string.Empty, loginId);
        Assert.Equal(string.Empty, rawToken);
    }

    [Theory]
    [InlineData("YQ==.r", "a", "r")]
    [InlineData("YWI=.raw", "ab", "raw")]
    [InlineData("YWJj.raw", "abc", "raw")]
    [InlineData("Pz8-.raw", "??>", "raw")]
    [InlineData("Pz8_.raw", "???", "raw")]
    [InlineData("em_Dq0BleMOkbXBsZS5jb20=.t0k3n", "zoë@exämple.com", "t0k3n")]
    [InlineData("YWJj.raw with space", "abc", "raw with space")]
    [InlineData("YWJj.+/=", "abc", "+/=")]
    public void Parses_a_well_formed_token(string token, string expectedLoginId, string expectedRaw)
    {
        Assert.True(ApiTokenFormat.TryParse(token, out var loginId, out var rawToken));
        Assert.Equal(expectedLoginId, loginId);
        Assert.Equal(expectedRaw, rawToken);
    }

    [Fact]
    public void A_login_id_holding_dots_is_encoded_so_the_token_has_one_dot()
    {
        var token = ApiTokenFormat.Format("first.last@example.com", "raw");
        Assert.Single(token, '.');
        Assert.True(ApiTokenFormat.TryParse(token, out var loginId, out var rawToken));
        Assert.Equal("first.last@example.com", loginId);
        Assert.Equal("raw", rawToken);
    }

    [Fact]
    public void Format_guards_its_arguments()
    {
        Assert.Equal("loginId", Assert.Throws<ArgumentNullException>(() => ApiTokenFormat.Format(null!, "raw")).ParamName);
        Assert.Equal("rawToken", Assert.Throws<ArgumentNullException>(() => ApiTokenFormat.Format("a", null!)).ParamName);
        Assert.Equal("rawToken", Assert.Throws<ArgumentException>(() => ApiTokenFormat.Format("a", string.Empty)).ParamName);
        Assert.Equal("loginId", Assert.Throws<ArgumentException>(() => ApiTokenFormat.Format("a\uD800", "raw")).ParamName);
    }
}
