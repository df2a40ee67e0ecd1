using Microsoft.EntityFrameworkCore;

namespace KegAuth;

/// <summary>The difference between the permission table and the declarations, read in one query.</summary>
/// <typeparam name="TPermission">The permission class.</typeparam>
internal sealed class PermissionSyncPlan<TPermission>
    where TPermission : class, IKegPermission, new()
{
    private readonly List<TPermission> _stored;
    private readonly List<TPermission> _added = new();
    private readonly List<(TPermission Row, string? Description)> _updated = new();
    private readonly List<TPermission> _removed = new();

    private PermissionSyncPlan(List<TPermission> stored) => _stored = stored;

    /// <summary>What the sync changes (or would change).</summary>
    public KegPermissionSyncResult Result { get; private set; } = null!;

    /// <summary>Reads the table and compares it with <paramref name="wanted"/>.</summary>
    public static async Task<PermissionSyncPlan<TPermission>> ReadAsync(
        DbContext db, Dictionary<string, string?> wanted, bool keepUndeclared, CancellationToken cancellationToken)
    {
        var plan = new PermissionSyncPlan<TPermission>(await db.Set<TPermission>().ToListAsync(cancellationToken).ConfigureAwait(false));
        var stored = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in plan._stored)
        {
            stored.Add(row.Token);
            if (wanted.TryGetValue(row.Token, out var description))
            {
                if (description is not null && description != row.Description)
                {
                    plan._updated.Add((row, description));
                }
            }
            else if (!keepUndeclared)
            {
                plan._removed.Add(row);
            }
        }

        foreach (var (token, description) in wanted)
        {
            if (!stored.Contains(token))
            {
                plan._added.Add(new TPermission { Token = token, Description = description });
            }
        }

        plan.Result = new KegPermissionSyncResult(
            Sorted(plan._added.Select(p => p.Token)), Sorted(plan._updated.Select(u => u.Row.Token)), Sorted(plan._removed.Select(p => p.Token)), DryRun: false);
        return plan;
    }

    /// <summary>Stages the inserts, updates and deletes on <paramref name="db"/>.</summary>
    public void Apply(DbContext db)
    {
        db.AddRange(_added);
        foreach (var (row, description) in _updated)
        {
            row.Description = description;
        }

        db.RemoveRange(_removed);
    }

    /// <summary>Stops tracking every row this plan read or staged, leaving the context as it was.</summary>
    public void Detach(DbContext db)
    {
        foreach (var row in _stored.Concat(_added))
        {
            db.Entry(row).State = EntityState.Detached;
        }
    }

    private static string[] Sorted(IEnumerable<string> tokens) => tokens.Order(StringComparer.Ordinal).ToArray();
}
