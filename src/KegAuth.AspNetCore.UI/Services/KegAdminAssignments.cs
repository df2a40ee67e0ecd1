using System.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.AspNetCore.UI.Services;

/// <summary>
/// Assigns permissions, bundles and groups to a user, group or bundle through the model's many-to-many
/// navigations: the change is mapping rows added and removed in the context, so the save's session-key
/// reset sees it as it sees any other change of rights.
/// </summary>
internal static class KegAdminAssignments
{
    /// <summary>The navigation from <paramref name="owner"/> to <paramref name="target"/>, or null when the model has none.</summary>
    public static ISkipNavigation? Navigation(DbContext db, Type owner, Type target)
        => db.Model.FindEntityType(owner)?.GetSkipNavigations().FirstOrDefault(n => n.TargetEntityType.ClrType == target);

    /// <summary>The keys <paramref name="owner"/> holds through <paramref name="navigation"/>.</summary>
    public static async Task<IReadOnlySet<string>> HeldAsync(DbContext db, object owner, ISkipNavigation navigation, IKegAdminCatalog target, CancellationToken cancellationToken)
        => (await LoadAsync(db, owner, navigation, cancellationToken).ConfigureAwait(false)).Select(target.KeyOf).ToHashSet(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="owner"/> hold exactly the rows keyed <paramref name="wanted"/> (unknown keys are ignored); saved by the caller.</summary>
    public static async Task SetAsync(DbContext db, object owner, ISkipNavigation navigation, IKegAdminCatalog target, IReadOnlyCollection<string> wanted, CancellationToken cancellationToken)
    {
        var held = await LoadAsync(db, owner, navigation, cancellationToken).ConfigureAwait(false);
        var accessor = navigation.GetCollectionAccessor() ?? throw new InvalidOperationException($"{navigation.Name} is not a collection.");
        var want = wanted.ToHashSet(StringComparer.Ordinal);
        foreach (var item in held.Where(item => !want.Contains(target.KeyOf(item))))
        {
            accessor.Remove(owner, item);
        }

        var have = held.Select(target.KeyOf).ToHashSet(StringComparer.Ordinal);
        foreach (var key in want.Where(key => !have.Contains(key)))
        {
            if (await target.FindAsync(key, cancellationToken).ConfigureAwait(false) is { } item)
            {
                accessor.Add(owner, item, forMaterialization: false);
            }
        }
    }

    private static async Task<List<object>> LoadAsync(DbContext db, object owner, ISkipNavigation navigation, CancellationToken cancellationToken)
    {
        var collection = db.Entry(owner).Collection(navigation.Name);
        if (!collection.IsLoaded)
        {
            await collection.LoadAsync(cancellationToken).ConfigureAwait(false);
        }

        return [.. ((IEnumerable?)collection.CurrentValue ?? Array.Empty<object>()).Cast<object>()];
    }
}
