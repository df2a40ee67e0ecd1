using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Permissions;

/// <summary>
/// A many-to-many the application maps itself is one relationship for KegAuth like its own tables:
/// permissions resolve through it, and a change saved through it resets the session key (before,
/// only tables with KegAuth's conventional names did, so such a grant silently kept old sessions).
/// </summary>
public abstract class AppMappedRelationshipTests : IDisposable
{
    private readonly KegDatabase<AppMappedContext> _kit;

    protected AppMappedRelationshipTests(TestDatabase database)
    {
        _kit = new KegDatabase<AppMappedContext>(database);
        using var db = _kit.NewContext();
        var team = new Group { Name = "team", Permissions = { new Permission { Token = "team-perm" } } };
        db.AddRange(new Permission { Token = "perm" }, team);
        db.Users.Add(new PermUser { Username = "alice" });
        db.Users.Add(new PermUser { Username = "bob", Groups = { team } });
        db.SaveChanges();
    }

    public void Dispose() => _kit.Dispose();

    [Fact]
    public void The_application_tables_are_the_ones_mapped()
    {
        using var db = _kit.NewContext();
        Assert.NotNull(db.Model.FindEntityType("app_grants"));
        Assert.NotNull(db.Model.FindEntityType("app_memberships"));
        Assert.Null(db.Model.FindEntityType("user_permissions"));
        Assert.Null(db.Model.FindEntityType("user_groups"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_grant_saved_through_the_application_table_resets_the_session_key_and_resolves(bool sync)
    {
        var before = Key("alice");
        await using (var db = _kit.NewContext())
        {
            db.Users.Include(u => u.Permissions).Single(u => u.Username == "alice").Permissions.Add(db.Permissions.Single(p => p.Token == "perm"));
            await Save(db, sync);
        }

        Assert.NotEqual(before, Key("alice"));
        await using var check = _kit.NewContext();
        var alice = check.Users.Single(u => u.Username == "alice");
        Assert.Equal(["perm"], await alice.GetAllPermissionTokensAsync(check));
    }

    [Fact]
    public async Task A_grant_removed_from_the_application_table_resets_the_session_key()
    {
        await using (var db = _kit.NewContext())
        {
            db.Users.Single(u => u.Username == "alice").Permissions.Add(db.Permissions.Single(p => p.Token == "perm"));
            db.SaveChanges();
        }

        var before = Key("alice");
        await using (var db = _kit.NewContext())
        {
            var alice = db.Users.Include(u => u.Permissions).Single(u => u.Username == "alice");
            alice.Permissions.Clear();
            await db.SaveChangesAsync();
        }

        Assert.NotEqual(before, Key("alice"));
    }

    [Fact]
    public async Task Deleting_a_group_held_through_the_application_table_resets_its_members_only()
    {
        var (alice, bob) = (Key("alice"), Key("bob"));
        await using (var db = _kit.NewContext())
        {
            db.Groups.Remove(db.Groups.Single(g => g.Name == "team"));
            await db.SaveChangesAsync();
        }

        Assert.Equal(alice, Key("alice"));
        Assert.NotEqual(bob, Key("bob"));
    }

    [Fact]
    public async Task A_permission_added_to_a_group_resets_its_members_found_through_the_application_table()
    {
        var (alice, bob) = (Key("alice"), Key("bob"));
        await using (var db = _kit.NewContext())
        {
            db.Groups.Single(g => g.Name == "team").Permissions.Add(db.Permissions.Single(p => p.Token == "perm"));
            await db.SaveChangesAsync();
        }

        Assert.Equal(alice, Key("alice"));
        Assert.NotEqual(bob, Key("bob"));
        await using var check = _kit.NewContext();
        Assert.Equal(["perm", "team-perm"], (await check.Users.Single(u => u.Username == "bob").GetAllPermissionTokensAsync(check)).Order());
    }

    private static Task Save(DbContext db, bool sync)
    {
        if (sync)
        {
            db.SaveChanges();
            return Task.CompletedTask;
        }

        return db.SaveChangesAsync();
    }

    private string Key(string username)
    {
        using var db = _kit.NewContext();
        return db.Users.AsNoTracking().Single(u => u.Username == username).SessionKey;
    }
}

/// <summary><see cref="AppMappedRelationshipTests"/> on SQLite.</summary>
public sealed class AppMappedRelationshipTestsOnSqlite() : AppMappedRelationshipTests(new SqliteTestDatabase());

/// <summary><see cref="AppMappedRelationshipTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class AppMappedRelationshipTestsOnPostgres(PostgresFixture postgres) : AppMappedRelationshipTests(postgres.NewDatabase());
