using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Xunit;

namespace KegAuth.Tests.Permissions;

/// <summary>UseKegAuth maps keg-auth's six tables with no code from the user, named by TableNamespace.</summary>
public sealed class MappingTableTests
{
    private static readonly string[] Suffixes = ["user_permissions", "bundle_permissions", "user_bundles", "user_groups", "group_permissions", "group_bundles"];

    [Theory]
    [InlineData("keg_auth", "keg_auth_")]
    [InlineData("app", "app_")]
    [InlineData(null, "")]
    [InlineData("", "")]
    public void Six_tables_named_by_namespace_with_composite_keys_cascade_and_reverse_index(string? tableNamespace, string prefix)
    {
        using var kit = new PermissionTestKit(tableNamespace);
        using var db = kit.Context();

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

        // The schema really exists on SQLite.
        var table = prefix + "user_permissions";
        Assert.Equal(1, db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {table}").Single());
    }

    [Fact]
    public void Two_namespaces_on_the_same_context_type_get_two_models()
    {
        using var first = new PermissionTestKit("first");
        using var second = new PermissionTestKit("second");
        using var a = first.Context();
        using var b = second.Context();

        Assert.NotSame(a.Model, b.Model);
        Assert.NotNull(a.Model.FindEntityType("first_user_groups"));
        Assert.NotNull(b.Model.FindEntityType("second_user_groups"));
        Assert.Null(b.Model.FindEntityType("first_user_groups"));
    }

    private static string Column(string plural) => plural.TrimEnd('s') + "_id";
}
