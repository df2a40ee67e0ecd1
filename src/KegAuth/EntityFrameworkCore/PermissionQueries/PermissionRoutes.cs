using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// The ways a user or group reaches permissions (keg-auth <c>get_all_permissions</c>), as chains of
/// mapping-table steps taken from the <see cref="KegAuthModelMap"/>, so table and column names follow
/// <c>TableNamespace</c>, the schema naming and any many-to-many the application configured itself.
/// </summary>
internal static class PermissionRoutes
{
    private static readonly string[][] UserRoutes =
    [
        ["Permissions"],
        ["Bundles", "Permissions"],
        ["Groups", "Permissions"],
        ["Groups", "Bundles", "Permissions"],
    ];

    private static readonly string[][] GroupRoutes =
    [
        ["Permissions"],
        ["Bundles", "Permissions"],
    ];

    /// <summary>
    /// The routes from <paramref name="root"/> that exist in its class; a route through a relationship
    /// the class does not have (no bundles or groups registered) is left out.
    /// </summary>
    /// <exception cref="InvalidOperationException">No route exists, or a relationship exists on the class but is not a single-column many-to-many.</exception>
    public static IReadOnlyList<IReadOnlyList<MappingHop>> Find(IEntityType root, KegEntityKind kind)
    {
        var routes = new List<IReadOnlyList<MappingHop>>();
        // Stryker disable once Conditional : a group class has no Groups collection (the generator gives groups Users, Bundles
        // and Permissions), so the user routes through groups are left out for it and the group routes remain
        foreach (var names in kind == KegEntityKind.Group ? GroupRoutes : UserRoutes)
        {
            if (TryFollow(root, names) is { } route)
            {
                routes.Add(route);
            }
        }

        return routes.Count > 0
            ? routes
            : throw new InvalidOperationException($"'{root.DisplayName()}' has no 'Permissions' relationship to resolve permissions through.");
    }

    private static List<MappingHop>? TryFollow(IEntityType root, string[] names)
    {
        var map = KegAuthModelMap.Of(root.Model);
        var hops = new List<MappingHop>(names.Length);
        var current = root;
        foreach (var name in names)
        {
            if (current.ClrType.GetProperty(name) is null)
            {
                return null;
            }

            var relationship = map.Find(current, name)
                ?? throw new InvalidOperationException(
                    $"'{current.DisplayName()}.{name}' is not mapped as a many-to-many relationship. Call UseKegAuth on the context options, or map it with UsingEntity.");
            var hop = relationship.Hop;
            hops.Add(hop);
            current = hop.Target;
        }

        return hops;
    }
}
