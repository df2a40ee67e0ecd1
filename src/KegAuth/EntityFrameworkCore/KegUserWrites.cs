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

    private static long _version;

    /// <summary>Changes after every save that changed or deleted a user, whether it succeeded or not.</summary>
    public static long Version => Volatile.Read(ref _version);

    /// <summary>Marks <paramref name="context"/>'s save in progress as one that writes users.</summary>
    public static void Saving(DbContext context) => Pending.AddOrUpdate(context, Pending);

    /// <summary>Counts the save of <paramref name="context"/> when it wrote users; after it committed or failed.</summary>
    public static void Saved(DbContext context)
    {
        if (Pending.Remove(context))
        {
            Interlocked.Increment(ref _version);
        }
    }
}
