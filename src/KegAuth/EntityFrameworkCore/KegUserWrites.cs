using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Counts the saves in this process that changed or deleted a user, so that a node's session cache
/// forgets what it read the moment such a save returns, without waiting for the database's change feed
/// (which still covers writes from other processes, raw SQL and <c>ExecuteUpdate</c>).
/// </summary>
/// <remarks>
/// Process-wide rather than per options instance: an app that builds its context options apart from
/// its services still reaches its caches, and a second app in the process only costs the first a reread.
/// </remarks>
internal static class KegUserWrites
{
    /// <summary>The contexts whose save in progress changes a user, marked before the save and cleared after it.</summary>
    private static readonly ConditionalWeakTable<DbContext, object> Pending = [];

    /// <summary>The contexts whose open transaction holds a saved user write, counted again when it ends.</summary>
    private static readonly ConditionalWeakTable<DbContext, object> InTransaction = [];

    private static long _version;

    /// <summary>Changes after every save that changed or deleted a user, whether it succeeded or not.</summary>
    public static long Version => Volatile.Read(ref _version);

    /// <summary>Marks <paramref name="context"/>'s save in progress as one that writes users.</summary>
    public static void Saving(DbContext context) => Pending.AddOrUpdate(context, Pending);

    /// <summary>
    /// Counts the save of <paramref name="context"/> when it wrote users; after it committed or failed.
    /// Inside the app's own transaction the write is not visible yet, and a request between the save
    /// and the commit reads (and caches) the old row: counted again when the transaction ends.
    /// </summary>
    public static void Saved(DbContext context)
    {
        if (Pending.Remove(context))
        {
            if (context.Database.CurrentTransaction is not null)
            {
                InTransaction.AddOrUpdate(context, InTransaction);
            }

            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>Counts the end (commit or rollback) of <paramref name="context"/>'s transaction when a save in it wrote users.</summary>
    public static void TransactionEnded(DbContext context)
    {
        if (InTransaction.Remove(context))
        {
            Interlocked.Increment(ref _version);
        }
    }
}
