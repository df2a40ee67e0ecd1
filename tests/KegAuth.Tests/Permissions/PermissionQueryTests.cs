using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Permissions;

/// <summary>
/// What the compiled permission query keeps of EF's behaviour: tracking as the context says, query
/// filters, table namespaces, one model's query never used on another, cancellation.
/// </summary>
public abstract class PermissionQueryTests(Func<TestDatabase> newDatabase)
{
    [Fact]
    public async Task Results_are_tracked_like_any_query_and_can_be_granted_to_another_user_without_a_new_row()
    {
        using var kit = new KegDatabase<PermissionContext>(newDatabase());
        Seed(kit);
        using (var db = kit.NewContext())
        {
            var user = db.Users.Single(u => u.Username == "user1");
            var other = db.Users.Single(u => u.Username == "user2");

            var permissions = await user.GetAllPermissionsAsync(db);

            Assert.All(permissions, p => Assert.Equal(EntityState.Unchanged, db.Entry(p).State));
            foreach (var permission in permissions)
            {
                other.Permissions.Add(permission);
            }

            db.SaveChanges();
        }

        using var check = kit.NewContext();
        Assert.Equal(5, check.Permissions.Count());
        var granted = await check.Users.Single(u => u.Username == "user2").GetAllPermissionsAsync(check);
        Assert.Equal(["perm1", "perm2", "perm3", "perm4", "perm5"], granted.Select(p => p.Token).Order());
    }

    [Theory]
    [InlineData(QueryTrackingBehavior.NoTracking)]
    [InlineData(QueryTrackingBehavior.NoTrackingWithIdentityResolution)]
    public async Task An_untracked_context_gets_untracked_permissions(QueryTrackingBehavior behavior)
    {
        using var kit = new KegDatabase<PermissionContext>(newDatabase());
        Seed(kit);
        using var db = kit.NewContext();
        var user = db.Users.AsNoTracking().Single(u => u.Username == "user1");
        db.ChangeTracker.QueryTrackingBehavior = behavior;

        var permissions = await user.GetAllPermissionsAsync(db);

        Assert.Equal(4, permissions.Count);
        Assert.Empty(db.ChangeTracker.Entries());

        // Switching back on the same context (and model) uses the tracked query again.
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
        Assert.Equal(4, (await user.GetAllPermissionsAsync(db)).Count);
        Assert.Equal(4, db.ChangeTracker.Entries<Permission>().Count());
    }

    [Fact]
    public async Task Query_filters_of_permissions_bundles_groups_and_the_user_still_apply()
    {
        using var kit = new KegDatabase<FilteredPermissionContext>(newDatabase());
        using (var db = kit.NewContext())
        {
            var visible = new Permission { Token = "visible" };
            var retired = new Permission { Token = "retired-direct" };
            var viaHiddenBundle = new Permission { Token = "via-hidden-bundle" };
            var viaHiddenGroup = new Permission { Token = "via-hidden-group" };
            var viaBundleOfHiddenGroup = new Permission { Token = "via-bundle-of-hidden-group" };
            var viaBundleOfGroup = new Permission { Token = "via-bundle-of-group" };
            var hiddenBundle = new Bundle { Name = "hidden-bundle", Permissions = { viaHiddenBundle } };
            var hiddenGroup = new Group { Name = "hidden-group", Permissions = { viaHiddenGroup }, Bundles = { new Bundle { Name = "b1", Permissions = { viaBundleOfHiddenGroup } } } };
            var group = new Group { Name = "group", Bundles = { new Bundle { Name = "b2", Permissions = { viaBundleOfGroup } } } };
            db.Users.Add(new PermUser { Username = "user", Permissions = { visible, retired }, Bundles = { hiddenBundle }, Groups = { hiddenGroup, group } });
            db.Users.Add(new PermUser { Username = "hidden-user", Permissions = { visible } });
            db.SaveChanges();
        }

        using var read = kit.NewContext();
        var user = read.Users.Single(u => u.Username == "user");
        Assert.Equal(["via-bundle-of-group", "visible"], (await user.GetAllPermissionsAsync(read)).Select(p => p.Token).Order());
        Assert.Equal(["via-bundle-of-group", "visible"], (await user.GetAllPermissionTokensAsync(read)).Order());

        var hiddenUser = read.Users.IgnoreQueryFilters().Single(u => u.Username == "hidden-user");
        Assert.Empty(await hiddenUser.GetAllPermissionsAsync(read));
        var filteredGroup = read.Groups.IgnoreQueryFilters().Single(g => g.Name == "hidden-group");
        Assert.Empty(await filteredGroup.GetAllPermissionsAsync(read));
    }

    [Fact]
    public async Task Two_table_namespaces_in_one_process_each_read_their_own_tables()
    {
        using var first = new KegDatabase<PermissionContext>(newDatabase(), o => o.TableNamespace = "first");
        using var second = new KegDatabase<PermissionContext>(newDatabase(), o => o.TableNamespace = "second");
        Seed(first);
        using (var db = second.NewContext())
        {
            db.Users.Add(new PermUser { Username = "user1", Permissions = { new Permission { Token = "only-second" } } });
            db.SaveChanges();
        }

        // Alternate, so a query compiled for one model is never reused on the other.
        for (var i = 0; i < 2; i++)
        {
            using var a = first.NewContext();
            using var b = second.NewContext();
            var inFirst = await a.Users.Single(u => u.Username == "user1").GetAllPermissionTokensAsync(a);
            var inSecond = await b.Users.Single(u => u.Username == "user1").GetAllPermissionTokensAsync(b);
            Assert.Equal(["perm1", "perm2", "perm3", "perm4"], inFirst.Order());
            Assert.Equal(["only-second"], inSecond);
        }
    }

    [Fact]
    public async Task A_cancelled_token_cancels_the_query()
    {
        using var kit = new KegDatabase<PermissionContext>(newDatabase());
        Seed(kit);
        using var db = kit.NewContext();
        var user = db.Users.Single(u => u.Username == "user1");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => user.GetAllPermissionsAsync(db, new CancellationToken(canceled: true)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => user.GetAllPermissionTokensAsync(db, new CancellationToken(canceled: true)));
        Assert.Equal(4, (await user.GetAllPermissionsAsync(db)).Count);
    }

    /// <summary>user1: perm1 direct, perm2 via bundle, perm3 via group, perm4 via a group's bundle; user2: perm5.</summary>
    private static void Seed(KegDatabase<PermissionContext> kit)
    {
        using var db = kit.NewContext();
        var perms = Enumerable.Range(1, 5).Select(i => new Permission { Token = "perm" + i }).ToList();
        db.Users.Add(new PermUser
        {
            Username = "user1",
            Permissions = { perms[0] },
            Bundles = { new Bundle { Name = "bundle1", Permissions = { perms[1] } } },
            Groups =
            {
                new Group { Name = "group1", Permissions = { perms[2] } },
                new Group { Name = "group2", Bundles = { new Bundle { Name = "bundle2", Permissions = { perms[3] } } } },
            },
        });
        db.Users.Add(new PermUser { Username = "user2", Permissions = { perms[4] } });
        db.SaveChanges();
    }
}

/// <summary><see cref="PermissionQueryTests"/> on SQLite.</summary>
public sealed class PermissionQueryTestsOnSqlite() : PermissionQueryTests(() => new SqliteTestDatabase());

/// <summary><see cref="PermissionQueryTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PermissionQueryTestsOnPostgres(PostgresFixture postgres) : PermissionQueryTests(postgres.NewDatabase);
