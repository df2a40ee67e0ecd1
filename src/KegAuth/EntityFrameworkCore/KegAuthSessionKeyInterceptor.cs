using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Installed by UseKegAuth: before each SaveChanges writes, resets the session key of every user
/// whose rights the save changes, so the change lands in the same SaveChanges and transaction
/// (keg-auth <c>initialize_events</c>). Stateless; the work is in <see cref="SessionKeyReset"/>.
/// </summary>
internal sealed class KegAuthSessionKeyInterceptor : SaveChangesInterceptor
{
    /// <inheritdoc/>
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            SessionKeyReset.ApplyAsync(context, sync: true, CancellationToken.None).GetAwaiter().GetResult();
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
            await SessionKeyReset.ApplyAsync(context, sync: false, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }
}
