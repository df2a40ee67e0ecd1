using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;

namespace KegAuth.AspNetCore.Sessions;

/// <summary>
/// SQLite's change feed: <c>PRAGMA data_version</c>, which changes on a connection whenever another
/// connection (this process's pool, another process, Python keg-auth, the command line) has committed
/// to the file since that connection last asked. Coarse: any write to any table moves the stamp, which
/// costs the cache a reread, never a wrong answer. ADO.NET only, so KegAuth needs no SQLite package.
/// </summary>
/// <remarks>
/// A connection serves one caller at a time, and one shared connection under a lock made concurrent
/// requests queue behind each other, so the feed keeps a few read-only probe connections and a request
/// borrows one. Each probe sees every commit since its own last question; whichever probe notices a
/// commit moves the one shared stamp before it is given back, so every answer covers every commit
/// before it, whichever probe gave it.
/// </remarks>
internal sealed class KegSqliteUserChangeFeed : IKegUserChangeFeed
{
    /// <summary>How long after a failed open the next request may try again, so a missing file is not reopened on every request.</summary>
    internal const long RetryDelayMilliseconds = 1000;

    /// <summary>How many turns a request waits for a busy probe before it reads the database instead.</summary>
    internal const int MaxWaitTurns = 200;

    private readonly ConcurrentBag<Probe> _idle = [];
    private readonly DbProviderFactory _factory;
    private readonly string _connectionString;
    private readonly int _maxProbes;
    private readonly Func<long> _milliseconds;
    private int _probes;
    private long _stamp;
    private long _retryAt;
    private volatile bool _disposed;

    /// <param name="factory">The provider's factory (from the app's own connection).</param>
    /// <param name="connectionString">The app's connection string, opened read-only and unpooled.</param>
    public KegSqliteUserChangeFeed(DbProviderFactory factory, string connectionString)
        : this(factory, connectionString, Math.Max(4, Environment.ProcessorCount * 4), static () => Environment.TickCount64)
    {
    }

    /// <param name="factory">The provider's factory.</param>
    /// <param name="connectionString">The app's connection string.</param>
    /// <param name="maxProbes">How many probes may be open at once.</param>
    /// <param name="milliseconds">The machine's millisecond clock, not the app's: a test's frozen <see cref="TimeProvider"/> must not stop the retries.</param>
    internal KegSqliteUserChangeFeed(DbProviderFactory factory, string connectionString, int maxProbes, Func<long> milliseconds)
    {
        _factory = factory;
        var builder = Builder(factory);
        builder.ConnectionString = connectionString;

        // Read-only: the feed must never create the file before the app's migrations do, nor write.
        // Unpooled: these connections are the feed's alone, and a disposed feed holds no handle on the file.
        builder["Mode"] = "ReadOnly";
        builder["Pooling"] = false;
        _connectionString = builder.ConnectionString;
        _maxProbes = maxProbes;
        _milliseconds = milliseconds;
    }

    /// <inheritdoc/>
    public string Name => "sqlite";

    /// <summary>How many probes are open (idle or lent); for tests.</summary>
    internal int OpenProbes => Volatile.Read(ref _probes);

    /// <summary>Called on each turn a request waits for a busy probe; for tests.</summary>
    internal Action? Waiting { get; set; }

    /// <summary>
    /// Whether <paramref name="connectionString"/> names a file other connections can share; an
    /// in-memory database has no other connection to hear from, and a shared in-memory one is not
    /// covered by <c>data_version</c>.
    /// </summary>
    public static bool IsFile(DbProviderFactory factory, string connectionString)
    {
        var builder = Builder(factory);
        try
        {
            builder.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            return false;
        }

        var source = (builder.TryGetValue("Data Source", out var value) ? value as string : null) ?? string.Empty;
        var mode = builder.TryGetValue("Mode", out var modeValue) ? modeValue?.ToString() : null;
        return source.Length > 0
               && !string.Equals(source, ":memory:", StringComparison.OrdinalIgnoreCase)
               && !string.Equals(mode, "Memory", StringComparison.OrdinalIgnoreCase);
    }

    /// <inheritdoc/>
    public long? Stamp()
    {
        if (_disposed || Borrow() is not { } probe)
        {
            return null;
        }

        try
        {
            var dataVersion = Convert.ToInt64(probe.Command.ExecuteScalar(), CultureInfo.InvariantCulture);
            var stamp = dataVersion != probe.LastDataVersion ? Interlocked.Increment(ref _stamp) : Volatile.Read(ref _stamp);
            probe.LastDataVersion = dataVersion;
            Return(probe);
            return stamp;
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or FormatException or InvalidCastException)
        {
            Discard(probe);
            return null;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var probe))
        {
            Discard(probe);
        }
    }

    /// <summary>
    /// An idle probe, else a new one, else (all open and busy) the first one given back: each is held
    /// for one statement, so waiting briefly beats sending the request to the database.
    /// <see langword="null"/> when none can be opened, or none came back within the spin.
    /// </summary>
    internal Probe? Borrow()
    {
        if (_idle.TryTake(out var probe) || (probe = TryOpen()) is not null)
        {
            return probe;
        }

        var spin = new SpinWait();
        while (Volatile.Read(ref _probes) >= _maxProbes && !_disposed && spin.Count < MaxWaitTurns)
        {
            Waiting?.Invoke();

            // Stryker disable once Statement : without the pause the wait is only shorter; no answer changes.
            spin.SpinOnce();
            if (_idle.TryTake(out probe))
            {
                return probe;
            }
        }

        return null;
    }

    /// <summary>A new probe, unless as many are open as allowed or the last open failed a moment ago.</summary>
    private Probe? TryOpen()
    {
        var now = _milliseconds();
        if (now < Volatile.Read(ref _retryAt))
        {
            return null;
        }

        if (Interlocked.Increment(ref _probes) > _maxProbes)
        {
            Interlocked.Decrement(ref _probes);
            return null;
        }

        var connection = _factory.CreateConnection();
        if (connection is null)
        {
            return RetryLater(now);
        }

        try
        {
            connection.ConnectionString = _connectionString;
            connection.Open();
            var command = connection.CreateCommand();
            command.CommandText = "PRAGMA data_version";

            // Its first answer moves the stamp (LastDataVersion): it cannot tell what changed before it opened.
            return new Probe(connection, command);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or ArgumentException)
        {
            // Stryker disable once Statement : a connection whose open failed holds no handle; disposing it is hygiene.
            connection.Dispose();
            return RetryLater(now);
        }
    }

    /// <summary>Gives up the slot of a probe that could not be opened, and lets the next request try again only after the delay.</summary>
    private Probe? RetryLater(long now)
    {
        Interlocked.Decrement(ref _probes);
        Volatile.Write(ref _retryAt, now + RetryDelayMilliseconds);
        return null;
    }

    /// <summary>Gives a probe back for the next request.</summary>
    internal void Return(Probe probe)
    {
        _idle.Add(probe);

        // Disposed meanwhile: nobody else will empty the bag.
        if (_disposed)
        {
            Dispose();
        }
    }

    private static DbConnectionStringBuilder Builder(DbProviderFactory factory)
        => factory.CreateConnectionStringBuilder() ?? new DbConnectionStringBuilder();

    private void Discard(Probe probe)
    {
        // Stryker disable once Statement : the provider closes its commands with their connection; this is hygiene.
        probe.Command.Dispose();
        probe.Connection.Dispose();
        Interlocked.Decrement(ref _probes);
    }

    /// <summary>One read-only connection and its prepared <c>PRAGMA data_version</c>.</summary>
    internal sealed class Probe(DbConnection connection, DbCommand command)
    {
        public DbConnection Connection { get; } = connection;

        public DbCommand Command { get; } = command;

        /// <summary>Its last answer; <see langword="null"/> before the first, which cannot tell what changed before it opened.</summary>
        public long? LastDataVersion { get; set; }
    }
}
