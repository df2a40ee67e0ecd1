using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// The six many-to-many tables between the registered user, permissions, bundles and groups (keg-auth
/// <c>initialize_mappings</c>): names, columns, and the model configuration that creates them. Only
/// model building reads the names; at run time the <see cref="KegAuthModelMap"/> reads the
/// relationships from the finished model, whoever mapped them.
/// </summary>
internal static class KegAuthMappingTables
{
    private const string UserColumn = "user_id";
    private const string PermissionColumn = "permission_id";
    private const string BundleColumn = "bundle_id";
    private const string GroupColumn = "group_id";

    public static readonly Mapping UserPermissions = new("user_permissions", KegEntityKind.User, "Permissions", KegEntityKind.Permission, null, UserColumn, PermissionColumn);
    public static readonly Mapping BundlePermissions = new("bundle_permissions", KegEntityKind.Bundle, "Permissions", KegEntityKind.Permission, null, BundleColumn, PermissionColumn);
    public static readonly Mapping UserBundles = new("user_bundles", KegEntityKind.User, "Bundles", KegEntityKind.Bundle, "Users", UserColumn, BundleColumn);
    public static readonly Mapping UserGroups = new("user_groups", KegEntityKind.User, "Groups", KegEntityKind.Group, "Users", UserColumn, GroupColumn);
    public static readonly Mapping GroupPermissions = new("group_permissions", KegEntityKind.Group, "Permissions", KegEntityKind.Permission, null, GroupColumn, PermissionColumn);
    public static readonly Mapping GroupBundles = new("group_bundles", KegEntityKind.Group, "Bundles", KegEntityKind.Bundle, "Groups", GroupColumn, BundleColumn);

    /// <summary>All six, in keg-auth's order.</summary>
    public static readonly Mapping[] All = [UserPermissions, BundlePermissions, UserBundles, UserGroups, GroupPermissions, GroupBundles];

    /// <summary>The table name for <paramref name="suffix"/> under <paramref name="tableNamespace"/>: <c>{ns}_{suffix}</c>, or the bare suffix.</summary>
    public static string TableName(string? tableNamespace, string suffix)
        => string.IsNullOrEmpty(tableNamespace) ? suffix : tableNamespace + "_" + suffix;

    /// <summary>
    /// Configures every mapping whose two entity types are in the model and whose navigation exists,
    /// unless the user already configured that navigation as many-to-many.
    /// </summary>
    public static void Configure(ModelBuilder modelBuilder, string? tableNamespace)
    {
        var types = KegEntityTypes.Find(modelBuilder.Model);
        foreach (var mapping in All)
        {
            var left = types.Get(mapping.LeftKind);
            var right = types.Get(mapping.RightKind);
            if (left is null || right is null || left.ClrType.GetProperty(mapping.LeftNavigation) is null)
            {
                continue;
            }

            var existing = left.FindSkipNavigation(mapping.LeftNavigation);
            if (existing is not null && ((IConventionSkipNavigation)existing).GetConfigurationSource() == ConfigurationSource.Explicit)
            {
                continue;
            }

            Configure(modelBuilder, mapping, left.ClrType, right.ClrType, TableName(tableNamespace, mapping.Suffix));
        }
    }

    private static void Configure(ModelBuilder modelBuilder, Mapping mapping, Type left, Type right, string table)
    {
        var rightNavigation = mapping.RightNavigation is not null && right.GetProperty(mapping.RightNavigation) is not null
            ? mapping.RightNavigation
            : null;
        var collection = modelBuilder.Entity(left).HasMany(right, mapping.LeftNavigation);
        var manyToMany = rightNavigation is null ? collection.WithMany() : collection.WithMany(rightNavigation);
        manyToMany.UsingEntity(
            table,
            typeof(Dictionary<string, object>),
            join => join.HasOne(right).WithMany().HasForeignKey(mapping.RightColumn).OnDelete(DeleteBehavior.Cascade),
            join => join.HasOne(left).WithMany().HasForeignKey(mapping.LeftColumn).OnDelete(DeleteBehavior.Cascade),
            join =>
            {
                join.ToTable(table);
                join.HasKey(mapping.LeftColumn, mapping.RightColumn);
                join.HasIndex(mapping.RightColumn);
            });
    }

    /// <summary>One mapping table.</summary>
    /// <param name="Suffix">The table name without namespace.</param>
    /// <param name="LeftKind">The entity that owns <paramref name="LeftNavigation"/>.</param>
    /// <param name="LeftNavigation">The collection on the left entity.</param>
    /// <param name="RightKind">The other entity.</param>
    /// <param name="RightNavigation">The inverse collection, or <see langword="null"/> (permissions have none).</param>
    /// <param name="LeftColumn">The left key column.</param>
    /// <param name="RightColumn">The right key column.</param>
    internal sealed record Mapping(
        string Suffix,
        KegEntityKind LeftKind,
        string LeftNavigation,
        KegEntityKind RightKind,
        string? RightNavigation,
        string LeftColumn,
        string RightColumn);
}
