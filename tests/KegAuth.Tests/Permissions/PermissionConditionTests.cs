using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Permissions;

/// <summary>keg-auth's PermissionCondition cases: simple, callable, all, any, nested.</summary>
public abstract class PermissionConditionTests : IDisposable
{
    private readonly KegDatabase<PermissionContext> _kit;

    protected PermissionConditionTests(TestDatabase database)
    {
        _kit = new KegDatabase<PermissionContext>(database);
        using var db = _kit.NewContext();
        db.Users.Add(new PermUser
        {
            Username = "user",
            Permissions = { new Permission { Token = "perm1" }, new Permission { Token = "perm2" } },
        });
        db.Permissions.Add(new Permission { Token = "perm3" });
        db.SaveChanges();
    }

    public void Dispose() => _kit.Dispose();

    public static TheoryData<string, PermissionCondition, bool> Cases => new()
    {
        { "simple held", PermissionCondition.HasAll("perm1"), true },
        { "simple missing", PermissionCondition.HasAll("perm3"), false },
        { "callable true", PermissionCondition.HasAll(PermissionCondition.Where(u => u.LoginId == "user")), true },
        { "callable false", PermissionCondition.HasAll(PermissionCondition.Where(u => u.IsSuperuser)), false },
        { "all held", PermissionCondition.HasAll("perm1", "perm2"), true },
        { "all one missing", PermissionCondition.HasAll("perm1", "perm3"), false },
        { "any one held", PermissionCondition.HasAny("perm3", "perm2"), true },
        { "any none held", PermissionCondition.HasAny("perm3", "perm4"), false },
        { "nested any in all", PermissionCondition.HasAll("perm1", PermissionCondition.HasAny("perm3", "perm2")), true },
        { "nested all in any", PermissionCondition.HasAny("perm3", PermissionCondition.HasAll("perm2", "perm4")), false },
        { "nested with callable", PermissionCondition.HasAny("perm3", PermissionCondition.HasAll("perm2", PermissionCondition.Where(u => u.IsEnabled))), true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Condition_checks_the_user(string name, PermissionCondition condition, bool expected)
    {
        using var db = _kit.NewContext();
        var user = db.Users.Single();

        Assert.True(expected == await condition.IsSatisfiedByAsync(user, db), name);
    }

    [Fact]
    public void At_least_one_condition_is_required()
    {
        Assert.Throws<ArgumentException>(() => PermissionCondition.HasAll());
        Assert.Throws<ArgumentException>(() => PermissionCondition.HasAny());
    }
}

/// <summary><see cref="PermissionConditionTests"/> on SQLite.</summary>
public sealed class PermissionConditionTestsOnSqlite() : PermissionConditionTests(new SqliteTestDatabase());

/// <summary><see cref="PermissionConditionTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PermissionConditionTestsOnPostgres(PostgresFixture postgres) : PermissionConditionTests(postgres.NewDatabase());
