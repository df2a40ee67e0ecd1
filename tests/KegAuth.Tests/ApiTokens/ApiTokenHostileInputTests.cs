using KegAuth.Infrastructure;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.ApiTokens;

/// <summary>
/// Issue 13 item 10 (API tokens): a login id holding NUL made PostgreSQL fail the lookup query (a 500
/// at the edge); huge tokens were decoded and sent as parameters. Both are a plain "no user" now.
/// </summary>
public abstract class ApiTokenHostileInputTests(TestDatabase database) : IDisposable
{
    private readonly KegDatabase<ApiTokenContext> _db = new(database);

    public void Dispose() => _db.Dispose();

    public static TheoryData<string> NulLoginIds() =>
    [
        "\0",
        "ada\0",
        "\0ada",
        "ad\0a@example.com",
        "ada@example.com\0\0\0",
    ];

    [Theory]
    [MemberData(nameof(NulLoginIds))]
    public async Task A_login_id_with_nul_finds_nobody_and_does_not_throw(string loginId)
    {
        _db.Save(new TokenUser { Username = "ada", Token = PasswordHash.CreateForToken("raw") });
        _db.Save(new TokenEmailUser { Email = "ada@example.com", Token = PasswordHash.CreateForToken("raw") });
        var apiToken = EncodeLoginId(loginId) + ".raw";

        using var context = _db.NewContext();
        Assert.Null(await TokenUser.GetUserForApiTokenAsync(context.Users, apiToken));
        Assert.Null(await TokenEmailUser.GetUserForApiTokenAsync(context.EmailUsers, apiToken));
        Assert.False(KegApiTokens.TryParse(apiToken, out _, out _));
    }

    [Theory]
    [InlineData(4097, 10)]
    [InlineData(1_000_000, 10)]
    [InlineData(8, 1_000_000)]
    public async Task A_huge_token_finds_nobody_and_does_not_throw(int loginIdLength, int rawLength)
    {
        var loginId = new string('a', loginIdLength);
        _db.Save(new TokenUser { Username = "a", Token = PasswordHash.CreateForToken("raw") });
        var apiToken = EncodeLoginId(loginId) + "." + new string('r', rawLength);

        using var context = _db.NewContext();
        Assert.Null(await TokenUser.GetUserForApiTokenAsync(context.Users, apiToken));
        Assert.Null(await TokenEmailUser.GetUserForApiTokenAsync(context.EmailUsers, apiToken));
    }

    [Fact]
    public async Task A_token_at_the_length_limit_is_still_looked_up()
    {
        // 512 characters is the login-id column's limit; three-byte characters make it as long as a login id can get.
        var loginId = new string('\u20ac', 512);
        var user = new TokenUser { Username = loginId };
        var raw = user.ResetAuthToken(_db.Options);
        _db.Save(user);
        var apiToken = KegApiTokens.Format(loginId, raw);

        using var context = _db.NewContext();
        Assert.InRange(apiToken.Length, 2_048, 4_096);
        Assert.Equal(user.Id, (await TokenUser.GetUserForApiTokenAsync(context.Users, apiToken))?.Id);
    }

    [Fact]
    public void Formatting_a_login_id_with_nul_is_refused_as_it_could_never_be_parsed()
    {
        Assert.Equal("loginId", Assert.Throws<ArgumentException>(() => KegApiTokens.Format("ad\0a", "raw")).ParamName);
    }

    private static string EncodeLoginId(string loginId) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(loginId)).Replace('+', '-').Replace('/', '_');
}

/// <summary><see cref="ApiTokenHostileInputTests"/> on SQLite.</summary>
public sealed class ApiTokenHostileInputTestsOnSqlite() : ApiTokenHostileInputTests(new SqliteTestDatabase());

/// <summary><see cref="ApiTokenHostileInputTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiTokenHostileInputTestsOnPostgres(PostgresFixture postgres) : ApiTokenHostileInputTests(postgres.NewDatabase());
