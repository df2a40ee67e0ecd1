using KegAuth.Infrastructure;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Xunit;

namespace KegAuth.Tests.Permissions;

/// <summary>
/// Relationship shapes the permission query and the session-key reset accept (every permission table
/// pointing at the permission's token) and those they refuse, each with the error that names it:
/// composite keys, keys other than the primary key, two permission keys, a navigation that is not a
/// many-to-many, a class with no permissions route, a class outside the model.
/// </summary>
public abstract class RelationshipShapeTests(Func<TestDatabase> newDatabase)
{
    private const string CompositeKey = "maps to a composite key; KegAuth resolves permissions and session keys through single-column mapping tables.";
    private const string OtherKey = "maps to a key other than a primary key; KegAuth's mapping tables reference the primary keys of users, bundles and groups.";

    [Fact]
    public async Task Permission_tables_that_point_at_the_token_resolve_and_reset_like_keyed_ones()
    {
        using var kit = new KegDatabase<TokenGrantsContext>(newDatabase());
        using (var seed = kit.NewContext())
        {
            var perms = Enumerable.Range(1, 4).Select(i => new Permission { Token = "perm" + i }).ToList();
            var group = new Group { Name = "group", Permissions = { perms[1] }, Bundles = { new Bundle { Name = "group-bundle", Permissions = { perms[2] } } } };
            seed.Users.Add(new PermUser { Username = "alice", Permissions = { perms[0] }, Groups = { group } });
            seed.Users.Add(new PermUser { Username = "bob", Bundles = { new Bundle { Name = "bundle", Permissions = { perms[3] } } } });
            seed.SaveChanges();
        }

        string before;
        await using (var db = kit.NewContext())
        {
            var alice = db.Users.Single(u => u.Username == "alice");
            var bob = db.Users.AsNoTracking().Single(u => u.Username == "bob");
            before = bob.SessionKey;
            Assert.Equal(["perm1", "perm2", "perm3"], (await alice.GetAllPermissionTokensAsync(db)).Order());
            Assert.Equal(["perm1", "perm2", "perm3"], (await alice.GetAllPermissionsAsync(db)).Select(p => p.Token).Order());
            Assert.Equal(["perm4"], await bob.GetAllPermissionTokensAsync(db));

            db.Bundles.Include(b => b.Permissions).Single(b => b.Name == "bundle").Permissions.Add(db.Permissions.Single(p => p.Token == "perm1"));
            await db.SaveChangesAsync();
        }

        await using var check = kit.NewContext();
        var reloaded = check.Users.Single(u => u.Username == "bob");
        Assert.NotEqual(before, reloaded.SessionKey);
        Assert.Equal(["perm1", "perm4"], (await reloaded.GetAllPermissionTokensAsync(check)).Order());
    }

    [Fact]
    public async Task Permission_tables_that_point_at_two_different_keys_are_refused()
    {
        using var kit = new KegDatabase<MixedPermissionKeysContext>(newDatabase());
        var user = kit.Save(new PermUser { Username = "alice" });
        await using var db = kit.NewContext();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => user.GetAllPermissionTokensAsync(db));
        Assert.Equal("The mapping tables to 'Permission' point at different keys; KegAuth needs one permission key.", error.Message);
    }

    [Fact]
    public async Task A_composite_permission_key_is_refused_by_the_query_and_by_a_save_through_it()
    {
        using var kit = new KegDatabase<CompositePermissionKeyContext>(newDatabase());
        var user = kit.Save(new PermUser { Username = "alice" });
        var group = kit.Save(new Group { Name = "group" });
        await using var db = kit.NewContext();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => user.GetAllPermissionTokensAsync(db));
        Assert.Equal("'PermUser.Permissions' " + CompositeKey, error.Message);
        error = await Assert.ThrowsAsync<InvalidOperationException>(() => group.GetAllPermissionsAsync(db));
        Assert.Equal("'Group.Permissions' " + CompositeKey, error.Message);

        // A grant would leave old sessions alive; the save is refused before anything is written.
        db.Users.Include(u => u.Permissions).Single().Permissions.Add(new Permission { Id = 1, Token = "perm" });
        error = Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        Assert.Equal("'PermUser.Permissions' " + CompositeKey, error.Message);
        await using var check = kit.NewContext();
        Assert.Empty(check.Permissions);
    }

    [Fact]
    public void A_note_changed_on_a_row_of_a_composite_permission_table_is_saved_and_resets_nobody()
    {
        using var kit = new KegDatabase<CompositePermissionKeyContext>(newDatabase());
        var user = kit.Save(new PermUser { Username = "alice" });
        kit.Save(new Permission { Id = 1, Token = "perm" });
        using (var setup = kit.NewContext())
        {
            // A row KegAuth would refuse to add (a grant it cannot follow), written as another app would.
            var join = setup.Model.FindEntityType("composite_user_grants")!;
            var sql = setup.GetService<ISqlGenerationHelper>();
            var table = StoreObjectIdentifier.Table(join.GetTableName()!, join.GetSchema());
            var columns = join.GetProperties().Where(p => p.Name != "note").ToList();
            var names = string.Join(", ", columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
            var values = string.Join(", ", columns.Select((_, i) => "{" + i + "}"));
            object[] arguments = [.. columns.Select(p => p.IsForeignKey() && p.GetContainingForeignKeys().Single().PrincipalEntityType.ClrType == typeof(PermUser) ? (object)user.Id
                : p.ClrType == typeof(string) ? "perm" : 1)];
            // Identifiers from the model, delimited; the values are parameters.
            var insert = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({names}) VALUES ({values})";
            setup.Database.ExecuteSqlRaw(insert, arguments);
        }

        var before = SessionKey(kit, user.Id);
        using var db = kit.NewContext();
        var row = db.Set<Dictionary<string, object>>("composite_user_grants").Single();
        row["note"] = "granted by the old app";
        db.SaveChanges();

        using var check = kit.NewContext();
        Assert.Equal("granted by the old app", check.Set<Dictionary<string, object>>("composite_user_grants").Single()["note"]);
        Assert.Equal(before, SessionKey(kit, user.Id));
    }

    private static string SessionKey(KegDatabase<CompositePermissionKeyContext> kit, int userId)
    {
        using var db = kit.NewContext();
        return db.Users.Where(u => u.Id == userId).Select(u => u.SessionKey).Single();
    }

    [Fact]
    public async Task Membership_through_a_key_other_than_the_primary_key_is_refused()
    {
        using var kit = new KegDatabase<AlternateKeyMembershipContext>(newDatabase());
        var user = kit.Save(new PermUser { Username = "alice" });
        await using var db = kit.NewContext();

        // The bundle side points at the bundle's name, the group side at the user's name.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => user.GetAllPermissionTokensAsync(db));
        Assert.Equal("'PermUser.Bundles' " + OtherKey, error.Message);
        db.Users.Include(u => u.Groups).Single().Groups.Add(new Group { Name = "group" });
        error = Assert.Throws<InvalidOperationException>(() => db.SaveChanges());
        Assert.Equal("'PermUser.Groups' " + OtherKey, error.Message);
    }

    [Fact]
    public async Task A_permissions_collection_the_model_leaves_unmapped_is_named()
    {
        using var kit = new KegDatabase<UnmappedPermissionsContext>(newDatabase());
        await using var db = kit.NewContext();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => KegPermissionQuery<PermUser, Permission>.TokensAsync(db, 1, CancellationToken.None));
        Assert.Equal(
            "'PermUser.Permissions' is not mapped as a many-to-many relationship. Call UseKegAuth on the context options, or map it with UsingEntity.",
            error.Message);
    }

    [Fact]
    public async Task A_class_without_permissions_and_a_class_outside_the_model_are_named()
    {
        using var database = newDatabase();
        var options = TestClock.Options(TestClock.Create());
        await using (var db = database.CreateContext<KegTestContext>(options))
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => KegPermissionQuery<EfUser, Permission>.PermissionsAsync(db, 1, CancellationToken.None));
            Assert.Equal("'EfUser' has no 'Permissions' relationship to resolve permissions through.", error.Message);
        }

        await using (var db = database.CreateContext<PermissionContext>(options))
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => KegPermissionQuery<EfUser, Permission>.TokensAsync(db, 1, CancellationToken.None));
            Assert.Equal("'EfUser' is not an entity of this context's model.", error.Message);
        }
    }
}

/// <summary><see cref="RelationshipShapeTests"/> on SQLite.</summary>
public sealed class RelationshipShapeTestsOnSqlite() : RelationshipShapeTests(() => new SqliteTestDatabase());

/// <summary><see cref="RelationshipShapeTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class RelationshipShapeTestsOnPostgres(PostgresFixture postgres) : RelationshipShapeTests(postgres.NewDatabase);
