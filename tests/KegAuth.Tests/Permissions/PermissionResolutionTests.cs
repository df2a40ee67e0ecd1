using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Permissions;

/// <summary>keg-auth's permission mapping tests on a real database.</summary>
public abstract class PermissionResolutionTests(TestDatabase database) : IDisposable
{
    private readonly KegDatabase<PermissionContext> _kit = new(database);

    public void Dispose() => _kit.Dispose();

    private int Seed()
    {
        using var db = _kit.NewContext();
        var perms = Enumerable.Range(1, 5).Select(i => new Permission { Token = "perm" + i }).ToList();
        db.Permissions.AddRange(perms);
        var bundle1 = new Bundle { Name = "bundle1", Permissions = { perms[1] } };
        var bundle2 = new Bundle { Name = "bundle2", Permissions = { perms[3] } };
        var group1 = new Group { Name = "group1", Permissions = { perms[2] } };
        var group2 = new Group { Name = "group2", Bundles = { bundle2 } };
        var user = new PermUser { Username = "user1", Permissions = { perms[0] }, Bundles = { bundle1 }, Groups = { group1, group2 } };
        db.Users.Add(user);
        db.Users.Add(new PermUser { Username = "user2", Permissions = { perms[4] } });
        db.Users.Add(new PermUser { Username = "super", IsSuperuser = true });
        db.SaveChanges();
        return user.Id;
    }

    [Fact]
    public async Task Direct_bundle_group_and_group_bundle_permissions_all_count()
    {
        Seed();
        using var db = _kit.NewContext();
        var user = db.Users.Single(u => u.Username == "user1");

        var permissions = await user.GetAllPermissionsAsync(db);

        Assert.Equal(["perm1", "perm2", "perm3", "perm4"], permissions.Select(p => p.Token).Order());
        Assert.Equal(["perm1", "perm2", "perm3", "perm4"], (await user.GetAllPermissionTokensAsync(db)).Order());
    }

    [Fact]
    public async Task A_second_user_sees_only_their_own_and_a_superuser_gets_all_five()
    {
        Seed();
        using var db = _kit.NewContext();

        var user2 = db.Users.Single(u => u.Username == "user2");
        Assert.Equal(["perm5"], (await user2.GetAllPermissionsAsync(db)).Select(p => p.Token));
        var super = db.Users.Single(u => u.Username == "super");
        Assert.Equal(5, (await super.GetAllPermissionsAsync(db)).Count);
    }

    [Fact]
    public async Task Group_permissions_are_its_own_plus_its_bundles()
    {
        Seed();
        using var db = _kit.NewContext();
        db.Groups.Single(g => g.Name == "group1").Bundles.Add(db.Bundles.Single(b => b.Name == "bundle1"));
        db.SaveChanges();

        var group1 = db.Groups.Single(g => g.Name == "group1");
        var group2 = db.Groups.Single(g => g.Name == "group2");

        Assert.Equal(["perm2", "perm3"], (await group1.GetAllPermissionsAsync(db)).Select(p => p.Token).Order());
        Assert.Equal(["perm4"], (await group2.GetAllPermissionsAsync(db)).Select(p => p.Token));
    }

    [Fact]
    public async Task Token_cache_goes_stale_until_cleared()
    {
        Seed();
        using var db = _kit.NewContext();
        var user = db.Users.Single(u => u.Username == "user2");
        Assert.Equal(["perm5"], await user.GetAllPermissionTokensAsync(db));

        using (var other = _kit.NewContext())
        {
            other.Users.Single(u => u.Username == "user2").Permissions.Add(other.Permissions.Single(p => p.Token == "perm1"));
            other.SaveChanges();
        }

        Assert.Equal(["perm5"], await user.GetAllPermissionTokensAsync(db));
        user.ClearPermissionCache();
        Assert.Equal(["perm1", "perm5"], (await user.GetAllPermissionTokensAsync(db)).Order());
    }

    [Fact]
    public async Task Has_all_and_has_any()
    {
        Seed();
        using var db = _kit.NewContext();
        var user = db.Users.Single(u => u.Username == "user1");

        Assert.True(await user.HasAllPermissionsAsync(db, "perm1"));
        Assert.True(await user.HasAllPermissionsAsync(db, "perm1", "perm4"));
        Assert.False(await user.HasAllPermissionsAsync(db, "perm1", "perm5"));
        Assert.True(await user.HasAnyPermissionAsync(db, "perm1", "perm5"));
        Assert.False(await user.HasAnyPermissionAsync(db, "perm5", "other"));
    }

    [Fact]
    public async Task Get_by_token_finds_or_returns_null()
    {
        Seed();
        using var db = _kit.NewContext();

        Assert.Equal("perm3", (await Permission.GetByTokenAsync(db.Permissions, "perm3"))?.Token);
        Assert.Null(await Permission.GetByTokenAsync(db.Permissions, "nope"));
    }

    [Fact]
    public void Duplicate_token_or_name_is_the_providers_unique_violation()
    {
        Seed();
        using (var db = _kit.NewContext())
        {
            db.Permissions.Add(new Permission { Token = "perm1" });
            _kit.Database.AssertUniqueViolation(Assert.Throws<DbUpdateException>(() => db.SaveChanges()));
        }

        using (var db = _kit.NewContext())
        {
            db.Bundles.Add(new Bundle { Name = "bundle1" });
            _kit.Database.AssertUniqueViolation(Assert.Throws<DbUpdateException>(() => db.SaveChanges()));
        }

        using (var db = _kit.NewContext())
        {
            db.Groups.Add(new Group { Name = "group1" });
            _kit.Database.AssertUniqueViolation(Assert.Throws<DbUpdateException>(() => db.SaveChanges()));
        }
    }

    [Fact]
    public async Task Get_all_permissions_is_one_sql_command()
    {
        var id = Seed();
        var recorder = new CommandRecorder();
        var options = _kit.Database.UseProvider(new DbContextOptionsBuilder<PermissionContext>()).UseKegAuth(_kit.Options).AddInterceptors(recorder).Options;
        using var db = new PermissionContext(options);
        var user = db.Users.AsNoTracking().Single(u => u.Id == id);
        recorder.Commands.Clear();

        var permissions = await user.GetAllPermissionsAsync(db);

        Assert.Equal(4, permissions.Count);
        var sql = Assert.Single(recorder.Commands);
        Assert.Contains("keg_auth_user_permissions", sql);
        Assert.Contains("keg_auth_group_bundles", sql);

        // The hand-written shape: permission keys from the mapping tables alone, one UNION of keys,
        // each permission row read once; no join through the user, bundle or group tables.
        Assert.Equal(1, Occurrences(sql, "\"Permissions\""));
        Assert.Equal(3, Occurrences(sql, "UNION"));
        Assert.DoesNotContain("\"Users\"", sql);
        Assert.DoesNotContain("\"Bundles\"", sql);
        Assert.DoesNotContain("\"Groups\"", sql);
    }

    private static int Occurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<string> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Commands.Add(command.CommandText);
            return base.ReaderExecuting(command, eventData, result);
        }
    }
}

/// <summary><see cref="PermissionResolutionTests"/> on SQLite.</summary>
public sealed class PermissionResolutionTestsOnSqlite() : PermissionResolutionTests(new SqliteTestDatabase());

/// <summary><see cref="PermissionResolutionTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PermissionResolutionTestsOnPostgres(PostgresFixture postgres) : PermissionResolutionTests(postgres.NewDatabase());
