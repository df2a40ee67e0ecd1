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
    private const long RetryDelayMilliseconds = 1000;

    private readonly ConcurrentBag<Probe> _idle = [];
    private readonly DbProviderFactory _factory;
    private readonly string _connectionString;
    private readonly int _maxProbes;
    private int _probes;
    private long _stamp;
    private long _retryAt;
    private volatile bool _disposed;

    /// <param name="factory">The provider's factory (from the app's own connection).</param>
    /// <param name="connectionString">The app's connection string, opened read-only and unpooled.</param>
    public KegSqliteUserChangeFeed(DbProviderFactory factory, string connectionString)
    {
        _factory = factory;
        var builder = factory.CreateConnectionStringBuilder() ?? new DbConnectionStringBuilder();
        builder.ConnectionString = connectionString;

        // Read-only: the feed must never create the file before the app's migrations do, nor write.
        // Unpooled: these connections are the feed's alone.
        builder["Mode"] = "ReadOnly";
        builder["Pooling"] = false;
        _connectionString = builder.ConnectionString;
        _maxProbes = Math.Max(4, Environment.ProcessorCount * 4);
    }

    /// <inheritdoc/>
    public string Name => "sqlite";

    /// <summary>
    /// Whether <paramref name="connectionString"/> names a file other connections can share; an
    /// in-memory database has no other connection to hear from, and a shared in-memory one is not
    /// covered by <c>data_version</c>.
    /// </summary>
    public static bool IsFile(DbProviderFactory factory, string connectionString)
    {
        var builder = factory.CreateConnectionStringBuilder() ?? new DbConnectionStringBuilder();
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
    private Probe? Borrow()
    {
        if (_idle.TryTake(out var probe) || (probe = TryOpen()) is not null)
        {
            return probe;
        }

        var spin = new SpinWait();
        while (Volatile.Read(ref _probes) >= _maxProbes && !_disposed && spin.Count < 200)
        {
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
        var now = Environment.TickCount64;
        if (now < Volatile.Read(ref _retryAt))
        {
            return null;
        }

        if (Interlocked.Increment(ref _probes) > _maxProbes)
        {
            Interlocked.Decrement(ref _probes);
            return null;
        }

        DbConnection? connection = null;
        try
        {
            connection = _factory.CreateConnection() ?? throw new InvalidOperationException("The provider made no connection.");
            connection.ConnectionString = _connectionString;
            connection.Open();
            var command = connection.CreateCommand();
            command.CommandText = "PRAGMA data_version";

            // Its first answer differs from -1, so a new probe moves the stamp: it cannot tell what changed before it opened.
            return new Probe(connection, command);
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or ArgumentException)
        {
            connection?.Dispose();
            Interlocked.Decrement(ref _probes);

            // The machine's clock, not the app's: a test's frozen clock must not stop the retries.
            Volatile.Write(ref _retryAt, now + RetryDelayMilliseconds);
            return null;
        }
    }

    private void Return(Probe probe)
    {
        _idle.Add(probe);

        // Disposed meanwhile: nobody else will empty the bag.
        if (_disposed)
        {
            Dispose();
        }
    }

    private void Discard(Probe probe)
    {
        probe.Command.Dispose();
        probe.Connection.Dispose();
        Interlocked.Decrement(ref _probes);
    }

    /// <summary>One read-only connection and its prepared <c>PRAGMA data_version</c>.</summary>
    private sealed class Probe(DbConnection connection, DbCommand command)
    {
        public DbConnection Connection { get; } = connection;

        public DbCommand Command { get; } = command;

        public long LastDataVersion { get; set; } = -1;
    }
}
