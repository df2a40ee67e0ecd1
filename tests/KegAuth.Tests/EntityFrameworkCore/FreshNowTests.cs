using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace KegAuth.Tests.EntityFrameworkCore;

/// <summary>"Now" comes from the context's TimeProvider at every execution, never from the compiled query.</summary>
public abstract class FreshNowTests : IDisposable
{
    // Per test instance, not static: EF refuses to run one compiled query against two providers' models.
    private readonly Func<KegTestContext, IEnumerable<int>> _compiledActiveIds =
        EF.CompileQuery((KegTestContext db) => db.Users.Where(u => u.IsActive).Select(u => u.Id));

    private readonly Func<KegTestContext, IAsyncEnumerable<int>> _compiledAsyncActiveIds =
        EF.CompileAsyncQuery((KegTestContext db) => db.Users.Where(u => u.IsActive).Select(u => u.Id));

    private readonly TestDatabase _database;
    private readonly FakeTimeProvider _clock = TestClock.Create();
    private readonly KegTestContext _db;
    private readonly int _userId;

    protected FreshNowTests(TestDatabase database)
    {
        _database = database;
        _db = _database.CreateSchema<KegTestContext>(TestClock.Options(_clock));

        // Disabled five minutes from now: active until the clock moves past it.
        var user = new EfUser { Username = "soon", DisabledUtc = TestClock.Start.UtcDateTime.AddMinutes(5) };
        _db.Users.Add(user);
        _db.EmailUsers.Add(new EfEmailUser { Email = "soon@example.com", IsVerified = true, DisabledUtc = user.DisabledUtc });
        _db.SaveChanges();
        _db.ChangeTracker.Clear();
        _userId = user.Id;
    }

    public void Dispose()
    {
        _db.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Same_query_answers_differently_after_the_clock_moves()
    {
        Assert.Equal([_userId], ActiveIds());
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(ActiveIds());
        Assert.Equal([_userId], _db.Users.Where(u => u.IsDisabledByDate).Select(u => u.Id).ToList());
    }

    [Fact]
    public void Compiled_query_reads_the_clock_at_each_execution()
    {
        Assert.Equal([_userId], _compiledActiveIds(_db).ToList());
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(_compiledActiveIds(_db).ToList());
    }

    [Fact]
    public async Task Compiled_async_query_reads_the_clock_at_each_execution()
    {
        Assert.Equal([_userId], await ToListAsync(_compiledAsyncActiveIds(_db)));
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Empty(await ToListAsync(_compiledAsyncActiveIds(_db)));
    }

    [Fact]
    public async Task Async_query_reads_the_clock_at_each_execution()
    {
        Assert.Equal(1, await _db.Users.CountAsync(u => u.IsActive));
        Assert.Equal(1, await _db.EmailUsers.Where(u => u.IsActive).CountAsync());
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await _db.Users.CountAsync(u => u.IsActive));
        Assert.Equal(0, await _db.EmailUsers.Where(u => u.IsActive).CountAsync());
    }

    [Fact]
    public void Projection_reads_the_clock_at_each_execution()
    {
        var query = _db.Users.Select(u => new { u.Id, u.IsActive, u.IsDisabledByDate });

        var before = Assert.Single(query.ToList());
        Assert.Equal((_userId, true, false), (before.Id, before.IsActive, before.IsDisabledByDate));

        _clock.Advance(TimeSpan.FromMinutes(10));
        var after = Assert.Single(query.ToList());
        Assert.Equal((_userId, false, true), (after.Id, after.IsActive, after.IsDisabledByDate));
    }

    [Fact]
    public void Query_filter_reads_the_clock_at_each_execution()
    {
        using var filtered = _database.CreateContext<ActiveOnlyContext>(TestClock.Options(_clock));

        Assert.Contains("DisabledUtc", filtered.Users.ToQueryString());
        Assert.Equal(1, filtered.Users.Count());
        Assert.Equal(1, filtered.EmailUsers.Count());
        Assert.Equal(1, filtered.Users.IgnoreQueryFilters().Count());

        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, filtered.Users.Count());
        Assert.Equal(0, filtered.EmailUsers.Count());
        Assert.Equal(1, filtered.Users.IgnoreQueryFilters().Count());
    }

    [Fact]
    public void Contexts_with_different_clocks_each_see_their_own_time()
    {
        var laterClock = TestClock.Create();
        laterClock.Advance(TimeSpan.FromMinutes(10));
        using var early = _database.CreateContext<KegTestContext>(TestClock.Options(_clock));
        using var late = _database.CreateContext<KegTestContext>(TestClock.Options(laterClock));

        // Alternate so both run the one cached compiled query.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(1, early.Users.Count(u => u.IsActive));
            Assert.Equal(0, late.Users.Count(u => u.IsActive));
            Assert.Equal([_userId], _compiledActiveIds(early).ToList());
            Assert.Empty(_compiledActiveIds(late).ToList());
        }
    }

    private List<int> ActiveIds() => _db.Users.Where(u => u.IsActive).Select(u => u.Id).ToList();

    private static async Task<List<int>> ToListAsync(IAsyncEnumerable<int> source)
    {
        var list = new List<int>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}

/// <summary><see cref="FreshNowTests"/> on SQLite.</summary>
public sealed class FreshNowTestsOnSqlite() : FreshNowTests(new SqliteTestDatabase());

/// <summary><see cref="FreshNowTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class FreshNowTestsOnPostgres(PostgresFixture postgres) : FreshNowTests(postgres.NewDatabase());
