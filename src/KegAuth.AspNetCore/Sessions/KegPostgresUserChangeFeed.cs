using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KegAuth.AspNetCore.Sessions;

/// <summary>
/// PostgreSQL's change feed: a connection of the node's own that <c>LISTEN</c>s on the channel the user
/// table's trigger (<see cref="KegUserChangeFeed"/>) notifies. Every notification moves the stamp. Each
/// heartbeat runs one query on that connection that proves it alive and the trigger in place; the feed
/// vouches only while the last proof is younger than twice the heartbeat, so a lost connection or a
/// dropped or disabled trigger turns the cache off within that time. Every time the feed starts to
/// vouch again (a new connection, the trigger back) the stamp moves, so nothing read before is trusted.
/// </summary>
internal sealed class KegPostgresUserChangeFeed : IKegUserChangeFeed
{
    /// <summary>The heartbeat's bounds: a busy loop below, arithmetic overflow far above.</summary>
    private static readonly TimeSpan MinHeartbeat = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan MaxHeartbeat = TimeSpan.FromDays(1);

    /// <summary>The longest pause between reconnection attempts.</summary>
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly DbProviderFactory _factory;
    private readonly string _connectionString;
    private readonly KegPostgresChangeFeedSql _sql;
    private readonly KegNpgsqlListenApi _api;
    private readonly TimeSpan _heartbeat;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _stamp;

    /// <summary>When the last proof completed (<see cref="TimeProvider.GetTimestamp"/>); 0 while the feed cannot vouch.</summary>
    private long _provenAt;

    private long _checks;

    /// <summary>Connection failures since the last passing proof: the retries' backoff. The loop's own.</summary>
    private int _failures;
    private bool _triggerMissingLogged;
    private volatile bool _disposed;

    private KegPostgresUserChangeFeed(
        DbProviderFactory factory, string connectionString, KegPostgresChangeFeedSql sql, KegNpgsqlListenApi api,
        KegSessionCacheOptions options, TimeProvider time, ILogger log)
    {
        _factory = factory;
        _sql = sql;
        _api = api;
        _heartbeat = TimeSpan.FromTicks(Math.Clamp(options.FeedHeartbeat.Ticks, MinHeartbeat.Ticks, MaxHeartbeat.Ticks));
        _time = time;
        _log = log;

        var builder = Parse(factory, connectionString);

        // The feed's own physical connection, named so operators (and tests) can find it in pg_stat_activity;
        // never multiplexed, which would share it with other commands.
        builder["Pooling"] = false;
        builder["Application Name"] = "kegauth-user-feed";
        try
        {
            builder["Multiplexing"] = false;
        }
        catch (ArgumentException)
        {
            // A provider version without multiplexing: nothing to turn off.
        }
        _connectionString = builder.ConnectionString;
        _loop = Task.Run(RunAsync);
    }

    /// <inheritdoc/>
    public string Name => "postgresql";

    /// <summary>How many proof queries completed so far, whatever they found; for tests, which wait for one that began after their write.</summary>
    internal long Checks => Interlocked.Read(ref _checks);

    /// <summary>
    /// The feed for a PostgreSQL database, started in the background (it vouches once its first proof
    /// passed), or <see langword="null"/> when Npgsql's listening API or the user table cannot be found
    /// (logged). Never throws.
    /// </summary>
    public static IKegUserChangeFeed? Create<TUser>(DbContext db, DbProviderFactory factory, string connectionString, KegSessionCacheOptions options, TimeProvider time, ILogger log)
        where TUser : class, IKegUser<TUser>
    {
        try
        {
            var sql = KegPostgresChangeFeedSql.For<TUser>(db);
            if (MayReadFromStandby(factory, connectionString))
            {
                // A read from a lagging standby after the primary's notification would pin the old user in the cache.
                KegSessionCacheLog.NoFeed(log, "the connection string names several hosts and may read from a standby");
                return null;
            }

            using var probe = factory.CreateConnection();
            string? missing = "a connection from the provider";
            if (probe is null || KegNpgsqlListenApi.For(probe.GetType(), out missing) is not { } api)
            {
                KegSessionCacheLog.NoFeed(log, "the PostgreSQL provider lacks the listening API KegAuth uses (" + missing + ")");
                return null;
            }

            return new KegPostgresUserChangeFeed(factory, connectionString, sql, api, options, time, log);
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or NotSupportedException)
        {
            KegSessionCacheLog.NoFeed(log, "the PostgreSQL feed could not be set up (" + exception.GetType().Name + ")");
            return null;
        }
    }

    /// <summary>
    /// Whether the app's connection may land on a standby: several hosts, not pinned to the primary.
    /// The feed hears the primary's commits; the app's read must see them too.
    /// </summary>
    internal static bool MayReadFromStandby(DbProviderFactory factory, string connectionString)
    {
        var builder = Parse(factory, connectionString);
        var hosts = builder.TryGetValue("Host", out var host) ? Convert.ToString(host, System.Globalization.CultureInfo.InvariantCulture) : null;
        if (hosts is null || !hosts.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        var target = builder.TryGetValue("Target Session Attributes", out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;
        return !string.Equals(target, "primary", StringComparison.OrdinalIgnoreCase) && !string.Equals(target, "read-write", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The connection string in the provider's own builder, which knows its keywords' synonyms (Server for Host).</summary>
    private static DbConnectionStringBuilder Parse(DbProviderFactory factory, string connectionString)
    {
        var builder = factory.CreateConnectionStringBuilder() ?? new DbConnectionStringBuilder();
        builder.ConnectionString = connectionString;
        return builder;
    }

    /// <inheritdoc/>
    /// <remarks>The proof's age is judged on the app's clock (<see cref="KegAuthOptions.TimeProvider"/>); the waits run on real time.</remarks>
    public long? Stamp()
    {
        var provenAt = Volatile.Read(ref _provenAt);
        if (provenAt == 0 || _time.GetElapsedTime(provenAt) > 2 * _heartbeat || _disposed)
        {
            return null;
        }

        return Interlocked.Read(ref _stamp);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Safe to repeat: nothing here fails a second time.
        _disposed = true;

        // The token source is not disposed: it has no timer, so nothing to release, and a loop still stuck on
        // the network reads its token when it wakes.
        _stop.Cancel();
        try
        {
            // The loop closes its connection as it ends; a wait stuck on the network is not waited for long.
            // Stryker disable once Statement : only when the connection closes changes, which a test sees only by racing the server's backend exit.
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop logs its own failures; disposal must not throw.
        }
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await ListenAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Stopping: the loop's condition ends it.
            }
            catch (Exception exception)
            {
                // Anything the provider throws (a broken connection, a server restart, a changed API):
                // stop vouching and try again, never fail the app.
                StopVouching();
                var delay = Backoff(_failures);
                KegSessionCacheLog.FeedRetry(_log, _failures == 0 ? LogLevel.Warning : LogLevel.Debug, Name, exception.GetType().Name, delay);
                _failures++;
                try
                {
                    await Task.Delay(delay, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Stopping: the loop's condition ends it; a disposed feed never vouches (Stamp).
                }
            }
        }
    }

    /// <summary>One connection's life: LISTEN, then wait for notifications and prove the connection each heartbeat, until it fails or the feed stops.</summary>
    private async Task ListenAsync()
    {
        var stop = _stop.Token;
        var connection = _factory.CreateConnection() ?? throw new InvalidOperationException();
        await using (connection.ConfigureAwait(false))
        {
            connection.ConnectionString = _connectionString;
            using var subscription = _api.Subscribe(connection, () => Interlocked.Increment(ref _stamp));
            await connection.OpenAsync(stop).ConfigureAwait(false);
            int backend;
            await using (var listen = connection.CreateCommand())
            {
                listen.CommandText = KegPostgresChangeFeedSql.Listen();
                backend = Convert.ToInt32(await listen.ExecuteScalarAsync(stop).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            }

            await using var proof = connection.CreateCommand();
            proof.CommandText = _sql.Proof(backend);

            // A hung connection (a dead route, a stalled server) ends here. At least a second, since the
            // heartbeat is positive: zero would mean no timeout at all.
            proof.CommandTimeout = (int)Math.Ceiling(2 * _heartbeat.TotalSeconds);

            // The first proof at once, then one per heartbeat.
            var nextProof = Stopwatch.GetTimestamp();
            while (true)
            {
                // Real time here: the waits are on the network, whatever clock the app runs on.
                // Whole milliseconds, at least one: Npgsql takes a zero timeout as "wait forever".
                var remaining = Math.Ceiling(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), nextProof).TotalMilliseconds);
                if (remaining > 0)
                {
                    await _api.WaitAsync(connection, TimeSpan.FromMilliseconds(remaining), stop).ConfigureAwait(false);
                    continue;
                }

                await ProveAsync(proof, stop).ConfigureAwait(false);

                nextProof = Stopwatch.GetTimestamp() + (long)(_heartbeat.TotalSeconds * Stopwatch.Frequency);
            }
        }
    }

    /// <summary>Runs the proof; vouches from its completion when the trigger is in place, stops vouching when not.</summary>
    private async Task ProveAsync(DbCommand proof, CancellationToken stop)
    {
        var inPlace = await proof.ExecuteScalarAsync(stop).ConfigureAwait(false) is true;
        Interlocked.Increment(ref _checks);
        if (!inPlace)
        {
            StopVouching();
            if (!_triggerMissingLogged)
            {
                _triggerMissingLogged = true;
                KegSessionCacheLog.NoFeed(_log, $"the trigger {KegPostgresChangeFeedSql.Channel} is missing or disabled on {_sql.Table} (install it with KegUserChangeFeed.InstallAsync)");
            }

            return;
        }

        _triggerMissingLogged = false;
        _failures = 0;
        if (Volatile.Read(ref _provenAt) == 0)
        {
            // Starting to vouch: whatever changed while nothing was heard must not be trusted.
            Interlocked.Increment(ref _stamp);
        }

        Volatile.Write(ref _provenAt, Math.Max(1, _time.GetTimestamp()));
    }

    /// <summary>
    /// Until the next passing proof, which moves the stamp (<see cref="ProveAsync"/>): a reader that saw the
    /// old stamp a moment after this has nothing to fear, since no stamp it holds is ever vouched for again.
    /// </summary>
    private void StopVouching() => Volatile.Write(ref _provenAt, 0);

    private TimeSpan Backoff(int failures)
    {
        var factor = Math.Pow(2, Math.Min(failures, 10));
        var delay = TimeSpan.FromTicks((long)Math.Min(_heartbeat.Ticks * factor, MaxBackoff.Ticks));
        return delay;
    }
}
