using KegAuth.Tests.ApiTokens;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Xunit;

namespace KegAuth.Tests.Users;

/// <summary>
/// The generated static side of <see cref="IKegUser{TSelf}"/> that the runtime calls instead of
/// reflection: key parsing by the key's own type, and the login-id predicate on the right column.
/// (Their SQL, with the login id as a parameter, is exercised by the API-token lookup tests.)
/// </summary>
public class GeneratedStaticMemberTests
{
    [Theory]
    [InlineData("42", 42)]
    [InlineData("0042", 42)]
    public void An_int_key_parses_from_invariant_digits(string text, int expected) => Assert.Equal(expected, ParseKey<EfUser>(text));

    [Theory]
    [InlineData("")]
    [InlineData("+42")]
    [InlineData(" 42")]
    [InlineData("4 2")]
    [InlineData("1e3")]
    [InlineData("4294967296")]
    [InlineData("٤٢")]
    public void An_int_key_rejects_anything_but_plain_digits(string text) => Assert.Null(ParseKey<EfUser>(text));

    [Fact]
    public void A_long_key_parses_beyond_int() => Assert.Equal(4294967296L, ParseKey<InteropUser>("4294967296"));

    [Fact]
    public void A_guid_key_parses_and_rejects_other_text()
    {
        var id = Guid.NewGuid();

        Assert.Equal(id, ParseKey<GuidUser>(id.ToString()));
        Assert.Null(ParseKey<GuidUser>("42"));
    }

    [Fact]
    public void A_string_key_is_the_text() => Assert.Equal("A-7", ParseKey<CodeUser>("A-7"));

    [Fact]
    public void The_login_id_predicate_compares_the_login_column()
    {
        var byUsername = LoginIdEquals<TokenUser>("alice");
        var byEmail = LoginIdEquals<TokenEmailUser>("bob@example.com");

        Assert.True(byUsername(new TokenUser { Username = "alice" }));
        Assert.False(byUsername(new TokenUser { Username = "alice2" }));
        Assert.True(byEmail(new TokenEmailUser { Email = "bob@example.com" }));
        Assert.False(byEmail(new TokenEmailUser { Email = "alice@example.com" }));
    }

    private static object? ParseKey<TUser>(string text)
        where TUser : class, IKegUser<TUser> => TUser.ParseKey(text);

    private static Func<TUser, bool> LoginIdEquals<TUser>(string loginId)
        where TUser : class, IKegUser<TUser> => TUser.LoginIdEquals(loginId).Compile();
}
