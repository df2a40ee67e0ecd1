using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Counts the saves through one <see cref="KegAuthOptions"/> that changed or deleted a user, so that the
/// node's session cache (which reads the same options) forgets what it read the moment such a save
/// returns, without waiting for the database's change feed. The feed still covers every other writer:
/// other processes, raw SQL, <c>ExecuteUpdate</c>, and contexts configured with other options.
/// </summary>
internal sealed class KegUserWrites
{
    /// <summary>The contexts whose save in progress changes a user, marked before the save and cleared after it.</summary>
    private static readonly ConditionalWeakTable<DbContext, KegUserWrites> Pending = [];

    /// <summary>The contexts whose open transaction holds a saved user write, counted again when it ends.</summary>
    private static readonly ConditionalWeakTable<DbContext, KegUserWrites> InTransaction = [];

    private long _version;

    /// <summary>Changes after every save that changed or deleted a user, whether it succeeded or not, and when the transaction holding it ends.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Marks <paramref name="context"/>'s save in progress as one that writes users, counted here when it ends.</summary>
    public void Saving(DbContext context) => Pending.AddOrUpdate(context, this);

    /// <summary>
    /// Counts the save of <paramref name="context"/> if it wrote users; after it committed, failed or was
    /// cancelled. Inside the app's own transaction the write is not visible yet, and a request between
    /// the save and the commit reads (and caches) the old row: counted again when the transaction ends.
    /// </summary>
    public static void Saved(DbContext context)
    {
        if (Pending.TryGetValue(context, out var writes) && Pending.Remove(context))
        {
            if (context.Database.CurrentTransaction is not null)
            {
                InTransaction.AddOrUpdate(context, writes);
            }

            Interlocked.Increment(ref writes._version);
        }
    }

    /// <summary>Counts the end (commit or rollback) of <paramref name="context"/>'s transaction when a save in it wrote users.</summary>
    public static void TransactionEnded(DbContext context)
    {
        if (InTransaction.TryGetValue(context, out var writes) && InTransaction.Remove(context))
        {
            Interlocked.Increment(ref writes._version);
        }
    }
}
