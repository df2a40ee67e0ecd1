using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Installed by UseKegAuth: before each SaveChanges writes, applies KegAuth's rules to the pending
/// changes of KegAuth's entities, so what they change lands in the same SaveChanges and transaction
/// (keg-auth <c>initialize_events</c>). Stateless; the work is in <see cref="KegAuthSaveRules"/>.
/// </summary>
internal sealed class KegAuthSaveChangesInterceptor : SaveChangesInterceptor
{
    /// <inheritdoc/>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            KegAuthSaveRules.ApplyAsync(context, sync: true, CancellationToken.None).GetAwaiter().GetResult();
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
            await KegAuthSaveRules.ApplyAsync(context, sync: false, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
