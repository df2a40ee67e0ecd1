using KegAuth.EntityFrameworkCore;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Permissions;

/// <summary>
/// The permission query built afresh for each test (the compiled one is cached on the model, so
/// whichever test ran first would be the only one to build it): its SQL reads the mapping tables
/// alone unless a query filter asks for an entity table, and it returns the same rows as the compiled
/// query on every model shape, filtered and with nullable mapping columns included.
/// </summary>
public abstract class PermissionQueryShapeTests(Func<TestDatabase> newDatabase)
{
    [Fact]
    public void Without_query_filters_the_sql_reads_only_the_mapping_tables_and_the_permissions()
    {
        using var kit = new KegDatabase<PermissionContext>(newDatabase());
        using var db = kit.NewContext();

        var sql = Query<PermissionContext, PermUser>(db, KegEntityKind.User, 1).ToQueryString();

        Assert.DoesNotContain("EXISTS", sql, StringComparison.OrdinalIgnoreCase);
        foreach (var entity in new[] { typeof(PermUser), typeof(Bundle), typeof(Group) })
        {
            Assert.DoesNotContain('"' + db.Model.FindEntityType(entity)!.GetTableName()! + '"', sql, StringComparison.Ordinal);
        }

        Assert.Contains('"' + db.Model.FindEntityType(typeof(Permission))!.GetTableName()! + '"', sql, StringComparison.Ordinal);
        Assert.Equal(3, sql.Split("UNION").Length - 1);
    }

    [Fact]
    public void Query_filters_bring_in_the_filtered_tables()
    {
        using var kit = new KegDatabase<FilteredPermissionContext>(newDatabase());
        using var db = kit.NewContext();

        var sql = Query<FilteredPermissionContext, PermUser>(db, KegEntityKind.User, 1).ToQueryString();

        foreach (var entity in new[] { typeof(PermUser), typeof(Bundle), typeof(Group) })
        {
            Assert.Contains('"' + db.Model.FindEntityType(entity)!.GetTableName()! + '"', sql, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_built_query_returns_what_the_compiled_one_does_with_filters()
    {
        using var kit = new KegDatabase<FilteredPermissionContext>(newDatabase());
        using (var seed = kit.NewContext())
        {
            var hiddenGroup = new Group { Name = "hidden-group", Permissions = { new Permission { Token = "via-hidden-group" } } };
            var visibleGroup = new Group { Name = "group", Bundles = { new Bundle { Name = "b", Permissions = { new Permission { Token = "via-bundle-of-group" } } } } };
            seed.Users.Add(new PermUser
            {
                Username = "user",
                Permissions = { new Permission { Token = "visible" }, new Permission { Token = "retired" } },
                Bundles = { new Bundle { Name = "hidden-bundle", Permissions = { new Permission { Token = "via-hidden-bundle" } } } },
                Groups = { hiddenGroup, visibleGroup },
            });
            seed.Users.Add(new PermUser { Username = "hidden-user", Permissions = { new Permission { Token = "of-hidden-user" } } });
            seed.SaveChanges();
        }

        using var db = kit.NewContext();
        var user = db.Users.Single(u => u.Username == "user");
        var hidden = db.Users.IgnoreQueryFilters().Single(u => u.Username == "hidden-user");
        Assert.Equal(["via-bundle-of-group", "visible"], Query<FilteredPermissionContext, PermUser>(db, KegEntityKind.User, user.Id).Select(p => p.Token).AsEnumerable().Order());
        Assert.Empty(Query<FilteredPermissionContext, PermUser>(db, KegEntityKind.User, hidden.Id));
        var group = db.Groups.Single(g => g.Name == "group");
        Assert.Equal(["via-bundle-of-group"], Query<FilteredPermissionContext, Group>(db, KegEntityKind.Group, group.Id).Select(p => p.Token));
    }

    [Fact]
    public void The_built_query_converts_between_nullable_columns_and_keys()
    {
        using var kit = new KegDatabase<SurrogateKeyContext>(newDatabase());
        using (var seed = kit.NewContext())
        {
            var group = new Group { Name = "team", Permissions = { new Permission { Token = "team" } }, Bundles = { new Bundle { Name = "tb", Permissions = { new Permission { Token = "team-bundle" } } } } };
            seed.Users.Add(new PermUser
            {
                Username = "alice",
                Permissions = { new Permission { Token = "direct" } },
                Bundles = { new Bundle { Name = "b", Permissions = { new Permission { Token = "bundle" } } } },
                Groups = { group, new Group { Name = "hidden", Permissions = { new Permission { Token = "hidden" } } } },
            });
            seed.SaveChanges();
        }

        using var db = kit.NewContext();
        var alice = db.Users.Single();
        Assert.Equal(["bundle", "direct", "team", "team-bundle"], Query<SurrogateKeyContext, PermUser>(db, KegEntityKind.User, alice.Id).Select(p => p.Token).AsEnumerable().Order());
        Assert.Equal(["bundle", "direct", "team", "team-bundle"], PermissionQueryExpressions.Tokens<Permission, int>(Root<PermUser>(db), Routes<PermUser>(db, KegEntityKind.User)).Compile()(db, alice.Id).AsEnumerable().Order());
    }

    private static IQueryable<Permission> Query<TContext, TRoot>(TContext db, KegEntityKind kind, int key)
        where TContext : DbContext
        => PermissionQueryExpressions.Permissions<Permission, int>(Root<TRoot>(db), Routes<TRoot>(db, kind), QueryTrackingBehavior.NoTracking).Compile()(db, key);

    private static Microsoft.EntityFrameworkCore.Metadata.IEntityType Root<TRoot>(DbContext db) => db.Model.FindEntityType(typeof(TRoot))!;

    private static IReadOnlyList<IReadOnlyList<MappingHop>> Routes<TRoot>(DbContext db, KegEntityKind kind) => PermissionRoutes.Find(Root<TRoot>(db), kind);
}

/// <summary><see cref="PermissionQueryShapeTests"/> on SQLite.</summary>
public sealed class PermissionQueryShapeTestsOnSqlite() : PermissionQueryShapeTests(() => new SqliteTestDatabase());

/// <summary><see cref="PermissionQueryShapeTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PermissionQueryShapeTestsOnPostgres(PostgresFixture postgres) : PermissionQueryShapeTests(postgres.NewDatabase);
