using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace KegAuth;

/// <summary>
/// Runs the lockout check and the insert of an attempt as one step per counter, so that parallel
/// attempts cannot all read the same count before any of them is stored (40 parallel guesses against a
/// limit of 3 must check 3 passwords, not 7). PostgreSQL: a transaction-scoped advisory lock per
/// counter; SQL Server: an application lock per counter; SQLite: the transaction itself, which SQLite
/// begins as a write (<c>BEGIN IMMEDIATE</c>) and so runs one at a time per database.
/// </summary>
internal static class AttemptCriticalSection
{
    private const string Npgsql = "Npgsql.EntityFrameworkCore.PostgreSQL";
    private const string SqlServer = "Microsoft.EntityFrameworkCore.SqlServer";

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction holding the locks named by <paramref name="counters"/>,
    /// or inside the caller's transaction when one is open (the locks then last until it ends).
    /// </summary>
    public static async Task<T> RunAsync<T>(DbContext db, IReadOnlyCollection<string> counters, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await LockAsync(db, counters, cancellationToken).ConfigureAwait(false);
            return await work(cancellationToken).ConfigureAwait(false);
        }

        // A retrying execution strategy refuses user transactions outside ExecuteAsync.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(
            async token =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(token).ConfigureAwait(false);
                await LockAsync(db, counters, token).ConfigureAwait(false);
                var result = await work(token).ConfigureAwait(false);
                await transaction.CommitAsync(token).ConfigureAwait(false);
                return result;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static async Task LockAsync(DbContext db, IReadOnlyCollection<string> counters, CancellationToken cancellationToken)
    {
        switch (db.Database.ProviderName)
        {
            case Npgsql:
                // Always in the same order, so two attempts needing the same two locks cannot deadlock.
                foreach (var key in counters.Select(LockKey).Distinct().Order())
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken).ConfigureAwait(false);
                }

                break;
            case SqlServer:
                foreach (var name in counters.Select(counter => "kegauth:" + LockKey(counter)).Distinct().Order(StringComparer.Ordinal))
                {
                    await db.Database.ExecuteSqlAsync($"EXEC sp_getapplock @Resource = {name}, @LockMode = 'Exclusive', @LockOwner = 'Transaction'", cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    /// <summary>A 64-bit lock id for a counter name (a hash: the name holds user input of any length).</summary>
    private static long LockKey(string counter)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(counter), hash);
        return BitConverter.ToInt64(hash);
    }
}
