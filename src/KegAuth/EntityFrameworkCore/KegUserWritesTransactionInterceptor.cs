using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Installed by UseKegAuth: when a transaction the context knows of (its own or the app's
/// <c>BeginTransaction</c>) ends, counts the user writes saved in it again (<see cref="KegUserWrites"/>),
/// now that other connections can see them. A transaction the app commits on the raw
/// <see cref="DbTransaction"/> is not seen here; the database's change feed still covers it.
/// </summary>
internal sealed class KegUserWritesTransactionInterceptor : DbTransactionInterceptor
{
    /// <inheritdoc/>
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData);

    /// <inheritdoc/>
    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(eventData);

    /// <inheritdoc/>
    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Ended(eventData);

    /// <inheritdoc/>
    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(eventData);
        return Task.CompletedTask;
    }

    private static void Ended(TransactionEventData eventData)
    {
        if (eventData.Context is { } context)
        {
            KegUserWrites.TransactionEnded(context);
        }
    }
}
