using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Installed by UseKegAuth: before each SaveChanges writes, applies KegAuth's rules to the pending
/// changes of KegAuth's entities, so what they change lands in the same SaveChanges and transaction
/// (keg-auth <c>initialize_events</c>). Stateless; the work is in <see cref="KegAuthSaveRules"/>.
/// After a save that wrote users (committed or failed), tells the node's session cache (<see cref="KegUserWrites"/>).
/// </summary>
internal sealed class KegAuthSaveChangesInterceptor : SaveChangesInterceptor
{
    /// <inheritdoc/>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            if (KegAuthSaveRules.ApplyAsync(context, sync: true, CancellationToken.None).GetAwaiter().GetResult())
            {
                KegAuthContextOptions.Get(context).UserWrites.Saving(context);
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            if (await KegAuthSaveRules.ApplyAsync(context, sync: false, cancellationToken).ConfigureAwait(false))
            {
                KegAuthContextOptions.Get(context).UserWrites.Saving(context);
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData);
        return result;
    }

    /// <inheritdoc/>
    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc/>
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData);

    /// <inheritdoc/>
    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override void SaveChangesCanceled(DbContextEventData eventData) => Saved(eventData);

    /// <inheritdoc/>
    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData);
        return Task.CompletedTask;
    }

    private static void Saved(DbContextEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            KegUserWrites.Saved(context);
        }
    }
}
