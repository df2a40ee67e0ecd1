using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.EntityFrameworkCore;

/// <summary>IsActive, IsDisabledByDate and IsActiveAt run as SQL and agree with the in-memory rule.</summary>
public abstract class IsActiveTranslationTests : IDisposable
{
    private readonly TestDatabase _database;
    private readonly KegTestContext _db;
    private readonly DateTime _now = TestClock.Start.UtcDateTime;

    protected IsActiveTranslationTests(TestDatabase database)
    {
        _database = database;
        _db = _database.CreateSchema<KegTestContext>(TestClock.Options(TestClock.Create()));
        UserMatrix.Seed(_db, _now);
    }

    public void Dispose()
    {
        _db.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void Matrix_has_every_combination()
    {
        Assert.Equal(6, _db.Users.Count());
        Assert.Equal(12, _db.EmailUsers.Count());
    }

    [Fact]
    public void IsActive_runs_in_sql_and_matches_memory()
    {
        var query = _db.Users.Where(u => u.IsActive);

        AssertSql(query.ToQueryString(), "DisabledUtc", "IsEnabled", "@__keg_now");
        AssertSameIds(All(_db.Users).Where(u => u.IsActiveAt(_now)).Select(u => u.Id), query.Select(u => u.Id));
    }

    [Fact]
    public void Not_IsActive_runs_in_sql_and_matches_memory()
    {
        var query = _db.Users.Where(u => !u.IsActive);

        AssertSql(query.ToQueryString(), "DisabledUtc", "IsEnabled");
        AssertSameIds(All(_db.Users).Where(u => !u.IsActiveAt(_now)).Select(u => u.Id), query.Select(u => u.Id));
    }

    [Fact]
    public void IsDisabledByDate_runs_in_sql_and_matches_memory()
    {
        var query = _db.Users.Where(u => u.IsDisabledByDate);

        AssertSql(query.ToQueryString(), "DisabledUtc");
        AssertSameIds(All(_db.Users).Where(u => u.DisabledUtc <= _now).Select(u => u.Id), query.Select(u => u.Id));
        Assert.Equal(2, query.Count());
    }

    [Fact]
    public void IsActiveAt_with_a_variable_runs_in_sql_and_matches_memory()
    {
        // Past every DisabledUtc in the matrix: only rows without one stay active.
        var later = _now.AddMinutes(10);
        var query = _db.Users.Where(u => u.IsActiveAt(later));

        AssertSql(query.ToQueryString(), "DisabledUtc", "IsEnabled");
        Assert.DoesNotContain("@__keg_now", query.ToQueryString());
        AssertSameIds(All(_db.Users).Where(u => u.IsActiveAt(later)).Select(u => u.Id), query.Select(u => u.Id));
        Assert.Equal(1, query.Count());
    }

    [Fact]
    public void Email_user_IsActive_includes_IsVerified()
    {
        var query = _db.EmailUsers.Where(u => u.IsActive);

        AssertSql(query.ToQueryString(), "DisabledUtc", "IsEnabled", "IsVerified");
        AssertSameIds(All(_db.EmailUsers).Where(u => u.IsActiveAt(_now)).Select(u => u.Id), query.Select(u => u.Id));
        Assert.Equal(2, query.Count());
    }

    [Fact]
    public void Email_user_not_IsActive_IsDisabledByDate_and_IsActiveAt_match_memory()
    {
        var earlier = _now.AddMinutes(-10);
        AssertSameIds(All(_db.EmailUsers).Where(u => !u.IsActiveAt(_now)).Select(u => u.Id), _db.EmailUsers.Where(u => !u.IsActive).Select(u => u.Id));
        AssertSameIds(All(_db.EmailUsers).Where(u => u.DisabledUtc <= _now).Select(u => u.Id), _db.EmailUsers.Where(u => u.IsDisabledByDate).Select(u => u.Id));
        AssertSameIds(All(_db.EmailUsers).Where(u => u.IsActiveAt(earlier)).Select(u => u.Id), _db.EmailUsers.Where(u => u.IsActiveAt(earlier)).Select(u => u.Id));
    }

    [Fact]
    public void Rules_work_through_generic_code_over_IKegUser()
    {
        AssertSameIds(All(_db.Users).Where(u => u.IsActiveAt(_now)).Select(u => u.Id), ActiveIds(_db.Users));
        AssertSameIds(All(_db.EmailUsers).Where(u => u.IsActiveAt(_now)).Select(u => u.Id), ActiveIds(_db.EmailUsers));
    }

    private static List<int> ActiveIds<TUser>(IQueryable<TUser> users)
        where TUser : class, IKegUser<TUser>
        => users.Where(u => u.IsActive).Select(u => EF.Property<int>(u, "Id")).ToList();

    private static List<T> All<T>(DbSet<T> set)
        where T : class
        => set.AsNoTracking().ToList();

    private static void AssertSql(string sql, params string[] fragments)
    {
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, sql);
        }
    }

    private static void AssertSameIds(IEnumerable<int> expected, IEnumerable<int> actual)
        => Assert.Equal(expected.Order().ToList(), actual.ToList().Order().ToList());
}

/// <summary><see cref="IsActiveTranslationTests"/> on SQLite.</summary>
public sealed class IsActiveTranslationTestsOnSqlite() : IsActiveTranslationTests(new SqliteTestDatabase());

/// <summary><see cref="IsActiveTranslationTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class IsActiveTranslationTestsOnPostgres(PostgresFixture postgres) : IsActiveTranslationTests(postgres.NewDatabase());
