using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Part of <see cref="KegAuthSaveRules"/>: finds the users whose rights a pending save changes, so
/// their session keys are reset: changes to a user's flags or password; passkeys added, removed or moved; mapping rows added,
/// removed or changed (from either side of a relation); groups and bundles deleted (their users are read before the rows
/// go). The mapping tables are those of the <see cref="KegAuthModelMap"/>, so a many-to-many the
/// application mapped itself counts like KegAuth's own. One instance per save.
/// </summary>
/// <param name="context">The saving context.</param>
/// <param name="map">Its model's map.</param>
internal sealed class SessionKeyReset(DbContext context, KegAuthModelMap map)
{
    private static readonly string[] RightsProperties = [nameof(IKegUser.IsSuperuser), nameof(IKegUser.IsEnabled), nameof(IKegUser.Password)];

    private static readonly MethodInfo LoadUsersMethod = typeof(SessionKeyReset).GetMethod(nameof(LoadUsersAsync), BindingFlags.Static | BindingFlags.NonPublic)!;

    private readonly HashSet<EntityEntry> _toReset = new(EntryComparer.Instance);

    /// <summary>Tracked users by hierarchy root and key, so a user named by a mapping row is not loaded again.</summary>
    private readonly Dictionary<(IEntityType Root, object Key), EntityEntry> _trackedUsers = [];

    /// <summary>Keys of the users, groups and bundles whose rights change, by hierarchy root.</summary>
    private readonly Dictionary<IEntityType, (KegEntityKind Kind, HashSet<object> Keys)> _affected = [];

    /// <summary>Whether the changes collected so far can end any session (the span and the queries are for those saves only).</summary>
    public bool HasWork => _toReset.Count > 0 || _affected.Count > 0;

    /// <summary>Marks the new key through the entry instead of detecting the whole entry (and its collections) again.</summary>
    public static void Reset(EntityEntry entry)
    {
        ((IKegUser)entry.Entity).ResetSessionKey();
        if (entry.State is EntityState.Unchanged or EntityState.Modified)
        {
            var sessionKey = entry.Property(nameof(IKegUser.SessionKey));
            if (!Equals(sessionKey.CurrentValue, sessionKey.OriginalValue))
            {
                sessionKey.IsModified = true;
            }
        }
    }

    /// <summary>Takes what the reset needs from one tracked KegAuth entry.</summary>
    /// <exception cref="InvalidOperationException">A row of a mapping table KegAuth cannot follow (composite key) is added, removed or changed.</exception>
    public void Collect(EntityEntry entry)
    {
        var type = entry.Metadata;
        switch (map.Kind(type))
        {
            case KegEntityKind.User:
                if (entry.State == EntityState.Modified && RightsChanged(entry))
                {
                    _toReset.Add(entry);
                }

                if (PrimaryKey(entry) is { } id)
                {
                    _trackedUsers[(type.GetRootType(), id)] = entry;
                }

                break;

            case KegEntityKind.Group or KegEntityKind.Bundle when entry.State == EntityState.Deleted:
                if (PrimaryKey(entry) is { } deleted)
                {
                    Affected(type.GetRootType(), map.Kind(type)!.Value).Add(deleted);
                }

                break;

            case null when map.IsPasskey(type):
                // A passkey added, removed or moved changes how its users can sign in, as a password change does.
                var owner = KegPasskeyMapping.OwnerKey(type);
                foreach (var ownerKey in Holders(entry, owner.Properties[0].Name))
                {
                    Affected(owner.PrincipalEntityType.GetRootType(), KegEntityKind.User).Add(ownerKey);
                }

                break;

            // Only a row added, removed or pointed elsewhere: an unchanged row, or one whose other columns
            // (a note) changed, grants nothing new, so it is no error even in a table KegAuth cannot follow.
            case null when (entry.State is EntityState.Added or EntityState.Deleted || ForeignKeyChanged(entry)) && map.ForJoin(type) is { } relationship:
                var hop = relationship.Hop;
                foreach (var holder in Holders(entry, hop.From.Name))
                {
                    Affected(relationship.Left.GetRootType(), map.Kind(relationship.Left)!.Value).Add(holder);
                }

                break;
        }
    }

    /// <summary>The users whose session keys to reset: tracked ones, and the others loaded; none deleted in this save.</summary>
    public async Task<IEnumerable<EntityEntry>> ResolveAsync(bool sync, CancellationToken cancellationToken)
    {
        // Bundles first: the groups holding them are affected too, and a group's members after that.
        foreach (var kind in (KegEntityKind[])[KegEntityKind.Bundle, KegEntityKind.Group])
        {
            foreach (var (root, affected) in _affected.Where(pair => pair.Value.Kind == kind).ToList())
            {
                foreach (var relationship in map.Holding(root))
                {
                    var holders = await HoldersAsync(relationship.Hop, affected.Keys, sync, cancellationToken).ConfigureAwait(false);
                    Affected(relationship.Left.GetRootType(), map.Kind(relationship.Left)!.Value).UnionWith(holders);
                }
            }
        }

        foreach (var (root, affected) in _affected.Where(pair => pair.Value.Kind == KegEntityKind.User).ToList())
        {
            _toReset.UnionWith(await FindUsersAsync(root, affected.Keys, sync, cancellationToken).ConfigureAwait(false));
        }

        // A user deleted in this save keeps its key: there is no session left to end.
        return _toReset.Where(entry => entry.State != EntityState.Deleted);
    }

    private static bool RightsChanged(EntityEntry entry)
    {
        foreach (var name in RightsProperties)
        {
            if (entry.Metadata.FindProperty(name) is { } property && entry.Property(property).IsModified)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The entry's key; EF refuses to change a tracked entity's key, so current and original are the same.</summary>
    private static object? PrimaryKey(EntityEntry entry) => entry.Property(entry.Metadata.FindPrimaryKey()!.Properties[0]).CurrentValue;

    /// <summary>
    /// The holders a changed row names in <paramref name="holderColumn"/>: the new one of a row added, the
    /// database's of a row deleted, both of a row pointed at another holder or target; none when only
    /// other columns changed.
    /// </summary>
    private static IEnumerable<object> Holders(EntityEntry entry, string holderColumn)
    {
        var holder = entry.Property(holderColumn);
        object?[] holders = entry.State switch
        {
            EntityState.Added => [holder.CurrentValue],
            EntityState.Deleted => [holder.OriginalValue],
            EntityState.Modified when ForeignKeyChanged(entry) => [holder.OriginalValue, holder.CurrentValue],
            _ => [],
        };
        return holders.OfType<object>();
    }

    /// <summary>Whether a column of one of the row's foreign keys (its holder, its target, a passkey's owner) changed.</summary>
    private static bool ForeignKeyChanged(EntityEntry entry)
        => entry.State == EntityState.Modified && entry.Properties.Any(property => property.IsModified && property.Metadata.IsForeignKey());

    private static async Task<List<IKegUser>> LoadUsersAsync<TUser, TKey>(
        DbContext context, string keyName, HashSet<object> ids, bool sync, CancellationToken cancellationToken)
        where TUser : class, IKegUser
    {
        var keys = ids.OfType<TKey>().ToList();
        var query = context.Set<TUser>().Where(u => keys.Contains(EF.Property<TKey>(u, keyName)));
        var users = sync ? query.ToList() : await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        return users.Cast<IKegUser>().ToList();
    }

    private HashSet<object> Affected(IEntityType root, KegEntityKind kind)
    {
        if (!_affected.TryGetValue(root, out var affected))
        {
            _affected[root] = affected = (kind, []);
        }

        return affected.Keys;
    }

    /// <summary>
    /// The keys of whoever holds one of <paramref name="targets"/> along <paramref name="hop"/> in the
    /// database. A row added or changed in this save already named its holder in <see cref="Collect"/>.
    /// </summary>
    private async Task<List<object>> HoldersAsync(MappingHop hop, HashSet<object> targets, bool sync, CancellationToken cancellationToken)
    {
        var query = MappingRows.Select(context, hop.Join, hop.To, targets, hop.From);
        return sync ? query.ToList() : await query.ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IEnumerable<EntityEntry>> FindUsersAsync(IEntityType root, HashSet<object> ids, bool sync, CancellationToken cancellationToken)
    {
        var found = new List<EntityEntry>();
        var missing = new HashSet<object>();
        foreach (var id in ids)
        {
            if (_trackedUsers.TryGetValue((root, id), out var entry))
            {
                found.Add(entry);
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count > 0)
        {
            var key = root.FindPrimaryKey()!.Properties[0];
            var load = (Task<List<IKegUser>>)LoadUsersMethod.MakeGenericMethod(root.ClrType, key.ClrType)
                .Invoke(null, [context, key.Name, missing, sync, cancellationToken])!;
            found.AddRange((await load.ConfigureAwait(false)).Select(user => context.Entry(user)));
        }

        return found;
    }

    /// <summary>Entries are wrappers: two for the same entity are equal here.</summary>
    private sealed class EntryComparer : IEqualityComparer<EntityEntry>
    {
        public static readonly EntryComparer Instance = new();

        public bool Equals(EntityEntry? x, EntityEntry? y) => ReferenceEquals(x?.Entity, y?.Entity);

        public int GetHashCode(EntityEntry obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Entity);
    }
}
