using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Xunit;

namespace KegAuth.Tests.Permissions;

/// <summary>UseKegAuth maps keg-auth's six tables with no code from the user, named by TableNamespace.</summary>
public abstract class MappingTableTests(Func<TestDatabase> newDatabase)
{
    private static readonly string[] Suffixes = ["user_permissions", "bundle_permissions", "user_bundles", "user_groups", "group_permissions", "group_bundles"];

    [Theory]
    [InlineData("keg_auth", "keg_auth_")]
    [InlineData("app", "app_")]
    [InlineData(null, "")]
    [InlineData("", "")]
    public void Six_tables_named_by_namespace_with_composite_keys_cascade_and_reverse_index(string? tableNamespace, string prefix)
    {
        using var kit = new KegDatabase<PermissionContext>(newDatabase(), o => o.TableNamespace = tableNamespace);
        using var db = kit.NewContext();

        var tables = db.Model.GetEntityTypes().Where(t => t.HasSharedClrType).ToDictionary(t => t.GetTableName()!);
        Assert.Equal(Suffixes.Select(s => prefix + s).Order(), tables.Keys.Order());
        foreach (var suffix in Suffixes)
        {
            var join = tables[prefix + suffix];
            var columns = suffix.Split('_') switch { [var left, var right] => (Column(left), Column(right)), _ => throw new InvalidOperationException() };
            Assert.Equal([columns.Item1, columns.Item2], join.FindPrimaryKey()!.Properties.Select(p => p.GetColumnName()));
            Assert.All(join.GetForeignKeys(), fk => Assert.Equal(DeleteBehavior.Cascade, fk.DeleteBehavior));
            Assert.Contains(join.GetIndexes(), i => i.Properties.Single().GetColumnName() == columns.Item2);
        }

        // The tables really exist: counting rows of a missing one throws on every provider.
        foreach (var table in tables.Keys)
        {
            var count = $"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"";
            Assert.Equal(0, db.Database.SqlQueryRaw<int>(count).Single());
        }
    }

    [Fact]
    public void Two_namespaces_on_the_same_context_type_get_two_models()
    {
        using var first = new KegDatabase<PermissionContext>(newDatabase(), o => o.TableNamespace = "first");
        using var second = new KegDatabase<PermissionContext>(newDatabase(), o => o.TableNamespace = "second");
        using var a = first.NewContext();
        using var b = second.NewContext();

        Assert.NotSame(a.Model, b.Model);
        Assert.NotNull(a.Model.FindEntityType("first_user_groups"));
        Assert.NotNull(b.Model.FindEntityType("second_user_groups"));
        Assert.Null(b.Model.FindEntityType("first_user_groups"));
    }

    private static string Column(string plural) => plural.TrimEnd('s') + "_id";
}

/// <summary><see cref="MappingTableTests"/> on SQLite.</summary>
public sealed class MappingTableTestsOnSqlite() : MappingTableTests(() => new SqliteTestDatabase());

/// <summary><see cref="MappingTableTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class MappingTableTestsOnPostgres(PostgresFixture postgres) : MappingTableTests(postgres.NewDatabase);
