using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using M = KegAuth.EntityFrameworkCore.KegAuthMappingTables;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Finds the users whose rights a pending save changes and resets their session keys: changes to a
/// user's flags or password; mapping rows added or removed (from either side of a relation); groups
/// and bundles deleted (their users are read before the rows go). Also clears a passed
/// <c>DisabledUtc</c> when a user is re-enabled.
/// </summary>
internal static class SessionKeyReset
{
    private static readonly string[] RightsProperties = [nameof(IKegUser.IsSuperuser), nameof(IKegUser.IsEnabled), nameof(IKegUser.Password)];

    private static readonly MethodInfo PropertyMethod = typeof(EF).GetMethod(nameof(EF.Property))!;

    private static readonly MethodInfo LoadUsersMethod = typeof(SessionKeyReset).GetMethod(nameof(LoadUsersAsync), BindingFlags.Static | BindingFlags.NonPublic)!;

    /// <summary>Applies the rules to the context's pending changes.</summary>
    public static async Task ApplyAsync(DbContext context, bool sync, CancellationToken cancellationToken)
    {
        var options = KegAuthContextOptions.Find(context);
        if (options is null)
        {
            return;
        }

        var tracker = context.ChangeTracker;
        var autoDetect = tracker.AutoDetectChangesEnabled;
        if (autoDetect)
        {
            tracker.DetectChanges();

            // Every Entries() call would scan the whole tracker again; one scan is enough, and the
            // entries touched below are detected one by one. SaveChanges detects again after us.
            tracker.AutoDetectChangesEnabled = false;
        }

        try
        {
            var types = KegEntityTypes.Of(context.Model);
            var plan = types.User is null ? null : new Plan(context, types, options.TableNamespace);
            var userKey = types.User?.FindPrimaryKey()!.Properties[0];
            var trackedUsers = new Dictionary<object, EntityEntry>();
            var toReset = new HashSet<EntityEntry>(EntryComparer.Instance);

            // One pass over the tracker: users' own changes, the tracked users by key, and the mapping
            // rows and deletes for the plan. A snapshot: clearing a disabled date changes an entry while we walk.
            foreach (var entry in tracker.Entries().ToList())
            {
                if (entry.Entity is IKegUser user)
                {
                    if (entry.State == EntityState.Modified)
                    {
                        ClearPassedDisabledDate(entry, user, options.UtcNow);
                        if (RightsChanged(entry))
                        {
                            toReset.Add(entry);
                        }
                    }

                    if (userKey is not null && userKey.DeclaringType.ClrType.IsInstanceOfType(user)
                        && entry.Property(userKey.Name).CurrentValue is { } id)
                    {
                        trackedUsers[id] = entry;
                    }
                }
                else
                {
                    plan?.Collect(entry);
                }
            }

            if (plan is not null)
            {
                var userIds = await plan.ResolveUserIdsAsync(sync, cancellationToken).ConfigureAwait(false);
                toReset.UnionWith(await FindUsersAsync(context, types.User!, userIds, trackedUsers, sync, cancellationToken).ConfigureAwait(false));
            }

            // A user deleted in this save keeps its key: there is no session left to end.
            foreach (var entry in toReset.Where(e => e.State != EntityState.Deleted))
            {
                Reset(entry);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = autoDetect;
        }
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

    // Marks the new key through the entry instead of detecting the whole entry (and its collections) again.
    private static void Reset(EntityEntry entry)
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

    // keg-auth: re-enabling a user whose disabled date has passed clears it, unless this save sets it.
    private static void ClearPassedDisabledDate(EntityEntry entry, IKegUser user, DateTime utcNow)
    {
        var enabled = entry.Property(nameof(IKegUser.IsEnabled));
        var disabledUtc = entry.Property(nameof(IKegUser.DisabledUtc));
        if (enabled.IsModified && user.IsEnabled && enabled.OriginalValue is false
            && user.DisabledUtc <= utcNow && !disabledUtc.IsModified)
        {
            disabledUtc.CurrentValue = null;
        }
    }

    private static async Task<IEnumerable<EntityEntry>> FindUsersAsync(
        DbContext context, IReadOnlyEntityType userType, HashSet<object> ids, Dictionary<object, EntityEntry> trackedUsers, bool sync, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var found = new List<EntityEntry>();
        var missing = new HashSet<object>();
        foreach (var id in ids)
        {
            if (trackedUsers.TryGetValue(id, out var entry))
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
            var key = userType.FindPrimaryKey()!.Properties[0];
            var load = (Task<List<IKegUser>>)LoadUsersMethod.MakeGenericMethod(userType.ClrType, key.ClrType)
                .Invoke(null, [context, key.Name, missing, sync, cancellationToken])!;
            found.AddRange((await load.ConfigureAwait(false)).Select(user => context.Entry(user)));
        }

        return found;
    }

    private static async Task<List<IKegUser>> LoadUsersAsync<TUser, TKey>(
        DbContext context, string keyName, HashSet<object> ids, bool sync, CancellationToken cancellationToken)
        where TUser : class, IKegUser
    {
        var keys = ids.OfType<TKey>().ToList();
        var query = context.Set<TUser>().Where(u => keys.Contains(EF.Property<TKey>(u, keyName)));
        var users = sync ? query.ToList() : await query.ToListAsync(cancellationToken).ConfigureAwait(false);
        return users.Cast<IKegUser>().ToList();
    }

    /// <summary>Builds <c>SELECT select FROM join WHERE filter IN (values)</c> over a mapping table, untyped.</summary>
    internal static IQueryable<object> SelectColumn(DbContext context, IReadOnlyEntityType join, string filterColumn, IEnumerable<object> values, string selectColumn)
    {
        var filterType = join.FindProperty(filterColumn)!.ClrType;
        var selectType = join.FindProperty(selectColumn)!.ClrType;
        var typed = values.Where(v => v.GetType() == filterType).ToArray();
        var array = Array.CreateInstance(filterType, typed.Length);
        Array.Copy(typed, array, typed.Length);

        var row = Expression.Parameter(typeof(Dictionary<string, object>), "row");
        var filter = Expression.Lambda<Func<Dictionary<string, object>, bool>>(
            Expression.Call(
                typeof(Enumerable), nameof(Enumerable.Contains), [filterType],
                Expression.Constant(array),
                Expression.Call(PropertyMethod.MakeGenericMethod(filterType), row, Expression.Constant(filterColumn))),
            row);
        var select = Expression.Lambda<Func<Dictionary<string, object>, object>>(
            Expression.Convert(Expression.Call(PropertyMethod.MakeGenericMethod(selectType), row, Expression.Constant(selectColumn)), typeof(object)),
            row);
        return context.Set<Dictionary<string, object>>(join.Name).Where(filter).Select(select);
    }

    /// <summary>The mapping rows and deletes of one save, turned into the ids of affected users.</summary>
    private sealed class Plan(DbContext context, KegEntityTypes types, string? tableNamespace)
    {
        private readonly HashSet<object> _users = [];
        private readonly HashSet<object> _groups = [];
        private readonly HashSet<object> _bundles = [];

        /// <summary>Join entity type name to the column that names the affected side, and the set it goes into.</summary>
        private Dictionary<string, (string Column, HashSet<object> Into)>? _joins;

        /// <summary>Takes what the plan needs from one tracked entry: a deleted group or bundle, or an added or deleted mapping row.</summary>
        public void Collect(EntityEntry entry)
        {
            if (entry.State is not (EntityState.Added or EntityState.Deleted))
            {
                return;
            }

            if (entry.State is EntityState.Deleted && types.Group is not null && types.Group.ClrType.IsInstanceOfType(entry.Entity))
            {
                AddKey(_groups, entry);
            }
            else if (entry.State is EntityState.Deleted && types.Bundle is not null && types.Bundle.ClrType.IsInstanceOfType(entry.Entity))
            {
                AddKey(_bundles, entry);
            }
            else if (entry.Entity is Dictionary<string, object> && Joins().TryGetValue(entry.Metadata.Name, out var join))
            {
                var property = entry.Property(join.Column);
                if ((entry.State == EntityState.Deleted ? property.OriginalValue : property.CurrentValue) is { } id)
                {
                    join.Into.Add(id);
                }
            }
        }

        public async Task<HashSet<object>> ResolveUserIdsAsync(bool sync, CancellationToken cancellationToken)
        {
            if (_bundles.Count > 0)
            {
                // Users of the bundle directly, and through the groups that hold it.
                _users.UnionWith(await RelatedAsync(M.UserBundles, M.BundleColumn, _bundles, M.UserColumn, sync, cancellationToken).ConfigureAwait(false));
                _groups.UnionWith(await RelatedAsync(M.GroupBundles, M.BundleColumn, _bundles, M.GroupColumn, sync, cancellationToken).ConfigureAwait(false));
            }

            if (_groups.Count > 0)
            {
                _users.UnionWith(await RelatedAsync(M.UserGroups, M.GroupColumn, _groups, M.UserColumn, sync, cancellationToken).ConfigureAwait(false));
            }

            return _users;
        }

        private Dictionary<string, (string Column, HashSet<object> Into)> Joins()
        {
            if (_joins is not null)
            {
                return _joins;
            }

            _joins = [];
            Add(M.UserPermissions, M.UserColumn, _users);
            Add(M.UserBundles, M.UserColumn, _users);
            Add(M.UserGroups, M.UserColumn, _users);
            Add(M.GroupPermissions, M.GroupColumn, _groups);
            Add(M.GroupBundles, M.GroupColumn, _groups);
            Add(M.BundlePermissions, M.BundleColumn, _bundles);
            return _joins;

            void Add(M.Mapping mapping, string column, HashSet<object> into)
            {
                if (M.FindJoin(context.Model, tableNamespace, mapping) is { } join)
                {
                    _joins[join.Name] = (column, into);
                }
            }
        }

        // Rows pending in the tracker (added in this save) and rows already in the database.
        private async Task<List<object>> RelatedAsync(
            M.Mapping mapping, string filterColumn, HashSet<object> values, string selectColumn, bool sync, CancellationToken cancellationToken)
        {
            var join = M.FindJoin(context.Model, tableNamespace, mapping);
            if (join is null)
            {
                return [];
            }

            var related = context.ChangeTracker.Entries<Dictionary<string, object>>()
                .Where(e => e.Metadata.Name == join.Name && e.State == EntityState.Added && e.Property(filterColumn).CurrentValue is { } v && values.Contains(v))
                .Select(e => e.Property(selectColumn).CurrentValue!)
                .ToList();
            var query = SelectColumn(context, join, filterColumn, values, selectColumn);
            related.AddRange(sync ? query.ToList() : await query.ToListAsync(cancellationToken).ConfigureAwait(false));
            return related;
        }

        private static void AddKey(HashSet<object> into, EntityEntry entry)
        {
            var key = entry.Metadata.FindPrimaryKey()!.Properties[0];
            if (entry.Property(key.Name).OriginalValue is { } id)
            {
                into.Add(id);
            }
        }
    }

    /// <summary>Entries are wrappers: two for the same entity are equal here.</summary>
    private sealed class EntryComparer : IEqualityComparer<EntityEntry>
    {
        public static readonly EntryComparer Instance = new();

        public bool Equals(EntityEntry? x, EntityEntry? y) => ReferenceEquals(x?.Entity, y?.Entity);

        public int GetHashCode(EntityEntry obj) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(obj.Entity);
    }
}
