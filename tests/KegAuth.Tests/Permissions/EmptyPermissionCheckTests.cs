using KegAuth.Infrastructure;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Permissions;

/// <summary>
/// Issue 13 item 15: a permission check of no tokens is refused, as ASP.NET Core's requirement
/// refuses it, instead of "all of nothing" being true for every user.
/// </summary>
public abstract class EmptyPermissionCheckTests(TestDatabase database) : IDisposable
{
    private readonly KegDatabase<PermissionContext> _kit = new(database);

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task HasAll_and_HasAny_of_no_tokens_throw_naming_tokens()
    {
        _kit.Save(new PermUser { Username = "nobody" });
        using var db = _kit.NewContext();
        var user = db.Users.Single(u => u.Username == "nobody");

        var all = await Assert.ThrowsAsync<ArgumentException>(() => user.HasAllPermissionsAsync(db));
        var any = await Assert.ThrowsAsync<ArgumentException>(() => user.HasAnyPermissionAsync(db));

        Assert.Equal("tokens", all.ParamName);
        Assert.Equal("tokens", any.ParamName);
        Assert.False(await user.HasAllPermissionsAsync(db, "perm1"));
    }

    [Fact]
    public void The_runtime_checks_refuse_an_empty_list()
    {
        var held = new HashSet<string>(["perm1"], StringComparer.Ordinal);

        Assert.Throws<ArgumentException>(() => KegPermissionSupport.HasAll(held, []));
        Assert.Throws<ArgumentException>(() => KegPermissionSupport.HasAny(held, []));
        Assert.True(KegPermissionSupport.HasAll(held, ["perm1"]));
    }
}

/// <summary><see cref="EmptyPermissionCheckTests"/> on SQLite.</summary>
public sealed class EmptyPermissionCheckTestsOnSqlite() : EmptyPermissionCheckTests(new SqliteTestDatabase());

/// <summary><see cref="EmptyPermissionCheckTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class EmptyPermissionCheckTestsOnPostgres(PostgresFixture postgres) : EmptyPermissionCheckTests(postgres.NewDatabase());
