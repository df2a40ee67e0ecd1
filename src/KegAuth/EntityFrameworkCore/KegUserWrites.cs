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

    private long _version;

    /// <summary>Changes after every save that changed or deleted a user, whether it succeeded or not.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>Marks <paramref name="context"/>'s save in progress as one that writes users, counted here when it ends.</summary>
    public void Saving(DbContext context) => Pending.AddOrUpdate(context, this);

    /// <summary>Counts the save of <paramref name="context"/> if it wrote users; after it committed, failed or was cancelled.</summary>
    public static void Saved(DbContext context)
    {
        if (Pending.TryGetValue(context, out var writes) && Pending.Remove(context))
        {
            Interlocked.Increment(ref writes._version);
        }
    }
}
