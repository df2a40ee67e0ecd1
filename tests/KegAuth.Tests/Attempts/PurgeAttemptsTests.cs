using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Xunit;

namespace KegAuth.Tests.Attempts;

/// <summary>keg-auth's <c>purge_attempts</c>: each filter alone and combined, with exact counts.</summary>
public abstract class PurgeAttemptsTests : IDisposable
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly KegDatabase<AttemptContext> _db;
    private readonly Attempt _aliceOldLogin;
    private readonly Attempt _aliceNewLogin;
    private readonly Attempt _aliceOldReset;
    private readonly Attempt _bobOldLogin;
    private readonly Attempt _bobNewForgot;
    private readonly Attempt _untyped;

    protected PurgeAttemptsTests(TestDatabase database)
    {
        _db = new KegDatabase<AttemptContext>(database);
        _aliceOldLogin = _db.Add("alice", AttemptType.Login, 3 * Hour);
        _aliceNewLogin = _db.Add("alice", AttemptType.Login, TimeSpan.FromMinutes(5));
        _aliceOldReset = _db.Add("alice", AttemptType.Reset, 5 * Hour);
        _bobOldLogin = _db.Add("bob", AttemptType.Login, 4 * Hour);
        _bobNewForgot = _db.Add("bob", AttemptType.Forgot, TimeSpan.FromMinutes(1));
        _untyped = _db.Add("carol", null, 10 * Hour);
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task No_filter_deletes_everything()
    {
        Assert.Equal(6, await Purge());
        Assert.Empty(_db.RemainingIds());
    }

    [Fact]
    public async Task By_username()
    {
        Assert.Equal(3, await Purge(username: "alice"));
        AssertRemaining(_bobOldLogin, _bobNewForgot, _untyped);
    }

    [Fact]
    public async Task An_empty_username_is_no_filter_as_in_keg_auth() => Assert.Equal(6, await Purge(username: string.Empty));

    [Fact]
    public async Task By_age_measured_from_the_options_clock()
    {
        Assert.Equal(4, await Purge(olderThan: 2 * Hour));
        AssertRemaining(_aliceNewLogin, _bobNewForgot);
    }

    [Fact]
    public async Task By_age_is_strictly_older()
    {
        // Bob's login is exactly four hours old: kept.
        Assert.Equal(2, await Purge(olderThan: 4 * Hour));
        AssertRemaining(_aliceOldLogin, _aliceNewLogin, _bobOldLogin, _bobNewForgot);
    }

    [Fact]
    public async Task By_age_follows_the_clock_as_it_moves()
    {
        _db.Clock.Advance(TimeSpan.FromMinutes(30));

        // Ages are now 3h30, 35m, 5h30, 4h30, 31m and 10h30.
        Assert.Equal(3, await Purge(olderThan: 3 * Hour + TimeSpan.FromMinutes(40)));
        AssertRemaining(_aliceOldLogin, _aliceNewLogin, _bobNewForgot);
    }

    [Fact]
    public async Task By_type()
    {
        Assert.Equal(3, await Purge(attemptType: AttemptType.Login));
        AssertRemaining(_aliceOldReset, _bobNewForgot, _untyped);
    }

    [Fact]
    public async Task By_username_and_age()
    {
        Assert.Equal(2, await Purge(username: "alice", olderThan: 2 * Hour));
        AssertRemaining(_aliceNewLogin, _bobOldLogin, _bobNewForgot, _untyped);
    }

    [Fact]
    public async Task By_username_and_type()
    {
        Assert.Equal(2, await Purge(username: "alice", attemptType: AttemptType.Login));
        AssertRemaining(_aliceOldReset, _bobOldLogin, _bobNewForgot, _untyped);
    }

    [Fact]
    public async Task By_age_and_type()
    {
        Assert.Equal(2, await Purge(olderThan: 2 * Hour, attemptType: AttemptType.Login));
        AssertRemaining(_aliceNewLogin, _aliceOldReset, _bobNewForgot, _untyped);
    }

    [Fact]
    public async Task By_all_three()
    {
        Assert.Equal(1, await Purge(username: "bob", olderThan: 2 * Hour, attemptType: AttemptType.Login));
        AssertRemaining(_aliceOldLogin, _aliceNewLogin, _aliceOldReset, _bobNewForgot, _untyped);
    }

    [Fact]
    public async Task Nothing_matching_deletes_nothing()
    {
        Assert.Equal(0, await Purge(username: "nobody"));
        Assert.Equal(6, _db.RemainingIds().Length);
    }

    [Fact]
    public async Task A_negative_age_is_refused_with_the_reason()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Purge(olderThan: TimeSpan.FromSeconds(-1)));
        Assert.Equal("olderThan", error.ParamName);
        Assert.Contains("must not be negative", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zero_age_is_allowed_and_deletes_everything_made_before_now()
    {
        var now = _db.Add("dave", AttemptType.Login, TimeSpan.Zero);

        Assert.Equal(6, await Purge(olderThan: TimeSpan.Zero));
        AssertRemaining(now);
    }

    [Fact]
    public async Task A_null_context_is_refused_by_name()
    {
        var error = await Assert.ThrowsAsync<ArgumentNullException>(() => KegAttempts.PurgeAsync<Attempt>(null!));
        Assert.Equal("db", error.ParamName);
    }

    [Fact]
    public async Task It_is_one_delete_statement_and_loads_nothing()
    {
        var commands = new List<string>();
        using var context = _db.NewContext();
        var logged = new DbContextOptionsBuilder<AttemptContext>(context.GetService<IDbContextOptions>() as DbContextOptions<AttemptContext> ?? throw new InvalidOperationException())
            .LogTo(commands.Add, [RelationalEventId.CommandExecuted])
            .Options;
        using var logging = new AttemptContext(logged);

        var count = await Attempt.PurgeAttemptsAsync(logging, username: "alice", olderThan: 2 * Hour, attemptType: AttemptType.Login);

        Assert.Equal(1, count);
        var command = Assert.Single(commands);
        Assert.Contains("DELETE FROM", command, StringComparison.Ordinal);
        Assert.Empty(logging.ChangeTracker.Entries());
    }

    private async Task<int> Purge(string? username = null, TimeSpan? olderThan = null, AttemptType? attemptType = null)
    {
        using var context = _db.NewContext();
        var count = await Attempt.PurgeAttemptsAsync(context, username, olderThan, attemptType);
        Assert.Empty(context.ChangeTracker.Entries());
        return count;
    }

    private void AssertRemaining(params Attempt[] expected) =>
        Assert.Equal(expected.Select(a => a.Id).Order().ToArray(), _db.RemainingIds());
}

/// <summary><see cref="PurgeAttemptsTests"/> on SQLite.</summary>
public sealed class PurgeAttemptsTestsOnSqlite() : PurgeAttemptsTests(new SqliteTestDatabase());

/// <summary><see cref="PurgeAttemptsTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PurgeAttemptsTestsOnPostgres(PostgresFixture postgres) : PurgeAttemptsTests(postgres.NewDatabase());
