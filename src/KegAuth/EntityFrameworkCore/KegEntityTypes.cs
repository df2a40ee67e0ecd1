using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.EntityFrameworkCore;

/// <summary>The KegAuth entity types of a model, found by the interfaces the generator implements.</summary>
/// <param name="User">The registered user (<see cref="IKegPermissionUser"/>).</param>
/// <param name="Permission">The <see cref="IKegPermission"/> type.</param>
/// <param name="Bundle">The <see cref="IKegBundle"/> type.</param>
/// <param name="Group">The <see cref="IKegGroup"/> type.</param>
internal sealed record KegEntityTypes(IReadOnlyEntityType? User, IReadOnlyEntityType? Permission, IReadOnlyEntityType? Bundle, IReadOnlyEntityType? Group)
{
    /// <summary>Scans <paramref name="model"/>; shared-type entities (join tables) are skipped.</summary>
    public static KegEntityTypes Find(IReadOnlyModel model)
    {
        var types = model.GetEntityTypes().Where(t => !t.HasSharedClrType && !t.IsOwned()).ToList();
        return new KegEntityTypes(
            First<IKegPermissionUser>(types),
            First<IKegPermission>(types),
            First<IKegBundle>(types),
            First<IKegGroup>(types));
    }

    /// <summary>The entity type of <paramref name="kind"/>, or <see langword="null"/>.</summary>
    public IReadOnlyEntityType? Get(KegEntityKind kind) => kind switch
    {
        KegEntityKind.User => User,
        KegEntityKind.Permission => Permission,
        KegEntityKind.Bundle => Bundle,
        KegEntityKind.Group => Group,
        _ => null,
    };

    // The root of a hierarchy: mapping a derived type as well would duplicate the tables.
    private static IReadOnlyEntityType? First<T>(List<IReadOnlyEntityType> types)
        => types.Where(t => typeof(T).IsAssignableFrom(t.ClrType) && (t.BaseType is null || !typeof(T).IsAssignableFrom(t.BaseType.ClrType)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .FirstOrDefault();
}
