using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.ApiTokens;

/// <summary>API tokens made, then found again through one query; every malformed token gives null.</summary>
public abstract class ApiTokenLookupTests(TestDatabase database) : IDisposable
{
    private readonly KegDatabase<ApiTokenContext> _db = new(database);

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task An_api_token_finds_its_email_user()
    {
        var user = new TokenEmailUser { Email = "alice@example.com" };
        var apiToken = user.GenerateApiToken(_db.Options);
        _db.Save(user);

        using var context = _db.NewContext();
        var found = await TokenEmailUser.GetUserForApiTokenAsync(context.EmailUsers, apiToken);

        Assert.Equal(user.Id, found?.Id);
        Assert.StartsWith("YWxpY2VAZXhhbXBsZS5jb20=.", apiToken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_token_finds_a_username_user()
    {
        var user = new TokenUser { Username = "bob" };
        var apiToken = user.GenerateApiToken(_db.Options);
        _db.Save(new TokenUser { Username = "other" });
        _db.Save(user);

        using var context = _db.NewContext();
        var found = await TokenUser.GetUserForApiTokenAsync(context.Users, apiToken);

        Assert.Equal(user.Id, found?.Id);
        Assert.Equal("Ym9i." + apiToken.Split('.')[1], apiToken);
    }

    [Fact]
    public void A_given_raw_token_is_used_as_is_and_the_stored_hash_is_left_alone()
    {
        var user = new TokenUser { Username = "carol" };
        var raw = user.ResetAuthToken(_db.Options);
        var hash = user.Token;

        Assert.Equal("Y2Fyb2w=." + raw, user.GenerateApiToken(_db.Options, raw));
        Assert.Same(hash, user.Token);
    }

    [Fact]
    public async Task A_fast_hash_is_not_rewritten_on_lookup()
    {
        var user = new TokenUser { Username = "dave" };
        var apiToken = user.GenerateApiToken(_db.Options);
        _db.Save(user);

        using var context = _db.NewContext();
        var found = await TokenUser.GetUserForApiTokenAsync(context.Users, apiToken);

        Assert.Equal(user.Token, found!.Token);
        Assert.False(context.ChangeTracker.HasChanges());
    }

    [Fact]
    public async Task The_old_api_token_stops_working_after_a_reset()
    {
        var user = new TokenUser { Username = "erin" };
        var old = user.GenerateApiToken(_db.Options);
        var current = user.GenerateApiToken(_db.Options);
        _db.Save(user);

        using var context = _db.NewContext();
        Assert.Null(await TokenUser.GetUserForApiTokenAsync(context.Users, old));
        Assert.NotNull(await TokenUser.GetUserForApiTokenAsync(context.Users, current));
    }

    [Fact]
    public async Task A_wrong_raw_token_gives_null()
    {
        var user = new TokenUser { Username = "frank" };
        user.GenerateApiToken(_db.Options);
        _db.Save(user);

        using var context = _db.NewContext();
        Assert.Null(await TokenUser.GetUserForApiTokenAsync(context.Users, "ZnJhbms=.wrongtoken"));
    }

    [Fact]
    public async Task A_user_without_a_token_gives_null()
    {
        _db.Save(new TokenUser { Username = "grace" });

        using var context = _db.NewContext();
        Assert.Null(await TokenUser.GetUserForApiTokenAsync(context.Users, "Z3JhY2U=.anything"));
    }

    [Fact]
    public async Task An_unknown_user_gives_null()
    {
        using var context = _db.NewContext();
        Assert.Null(await TokenUser.GetUserForApiTokenAsync(context.Users, "bm9ib2R5.anything"));
    }

    public static TheoryData<string?> MalformedTokens() =>
    [
        null,
        string.Empty,
        "aGVucnk=",                  // no dot
        "aGVucnk=.abc.def",          // two dots
        ".abc",                      // empty login id
        "aGVucnk=.",                 // empty raw token
        "aGVucnk.abc",               // padding missing, as Python's decoder refuses
        "a$b!.abc",                  // not base64
        "aGVu cnk=.abc",             // whitespace inside
        "+/+/.abc",                  // standard, not urlsafe, alphabet
        "__8=.abc",                  // bytes that are not UTF-8
        "AAAA====.abc",              // too much padding
    ];

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public async Task A_malformed_token_gives_null_and_does_not_throw(string? apiToken)
    {
        var user = new TokenUser { Username = "henry" };
        user.GenerateApiToken(_db.Options);
        _db.Save(user);

        using var context = _db.NewContext();
        Assert.Null(await TokenUser.GetUserForApiTokenAsync(context.Users, apiToken));
    }

    [Fact]
    public async Task A_cancelled_lookup_throws_operation_cancelled()
    {
        using var context = _db.NewContext();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            TokenUser.GetUserForApiTokenAsync(context.Users, "aGVucnk=.abc", cancelled.Token));
    }

    [Fact]
    public void The_lookup_is_one_query_on_the_login_id()
    {
        using var context = _db.NewContext();
        var sql = context.Users.Where(u => u.Username == "x").ToQueryString();

        Assert.Contains("\"Username\"", sql, StringComparison.Ordinal);
        var index = context.Model.FindEntityType(typeof(TokenUser))!.GetIndexes().Single(i => i.Properties.Single().Name == "Username");
        Assert.True(index.IsUnique);
    }
}

/// <summary><see cref="ApiTokenLookupTests"/> on SQLite.</summary>
public sealed class ApiTokenLookupTestsOnSqlite() : ApiTokenLookupTests(new SqliteTestDatabase());

/// <summary><see cref="ApiTokenLookupTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ApiTokenLookupTestsOnPostgres(PostgresFixture postgres) : ApiTokenLookupTests(postgres.NewDatabase());
