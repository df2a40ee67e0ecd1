using System.Data.Common;

namespace KegAuth.AspNetCore.Sessions;

/// <summary>
/// SQLite's change feed: <c>PRAGMA data_version</c> on a read-only connection of the node's own, which
/// changes whenever another connection (this process's pool, another process, Python keg-auth, the
/// command line) commits to the file. Coarse: any write to any table moves the stamp, which costs the
/// cache a reread, never a wrong answer. One statement per request, under a lock (a connection serves
/// one caller at a time); ADO.NET only, so KegAuth needs no SQLite package of its own.
/// </summary>
internal sealed class KegSqliteUserChangeFeed : IKegUserChangeFeed
{
    /// <summary>How long after a failed open the next request may try again, so a missing file is not reopened on every request.</summary>
    private const long RetryDelayMilliseconds = 1000;

    private readonly Lock _lock = new();
    private readonly DbProviderFactory _factory;
    private readonly string _connectionString;
    private DbConnection? _connection;
    private DbCommand? _command;
    private long _lastDataVersion = -1;
    private long _stamp;
    private long _retryAt;
    private bool _disposed;

    /// <param name="factory">The provider's factory (from the app's own connection).</param>
    /// <param name="connectionString">The app's connection string, opened read-only and unpooled.</param>
    public KegSqliteUserChangeFeed(DbProviderFactory factory, string connectionString)
    {
        _factory = factory;
        var builder = factory.CreateConnectionStringBuilder() ?? new DbConnectionStringBuilder();
        builder.ConnectionString = connectionString;

        // Read-only: the feed must never create the file before the app's migrations do, nor write.
        // Unpooled: this connection is the feed's alone.
        builder["Mode"] = "ReadOnly";
        builder["Pooling"] = false;
        _connectionString = builder.ConnectionString;
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
        lock (_lock)
        {
            if (_disposed)
            {
                return null;
            }

            try
            {
                if (_command is null && !TryOpen())
                {
                    return null;
                }

                var dataVersion = Convert.ToInt64(_command!.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
                if (dataVersion != _lastDataVersion)
                {
                    _lastDataVersion = dataVersion;
                    _stamp++;
                }

                return _stamp;
            }
            catch (Exception exception) when (exception is DbException or InvalidOperationException or FormatException or InvalidCastException)
            {
                Close();
                return null;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            Close();
        }
    }

    private bool TryOpen()
    {
        // The machine's clock, not the app's: a test's frozen clock must not stop the retries.
        var now = Environment.TickCount64;
        if (now < _retryAt)
        {
            return false;
        }

        try
        {
            _connection = _factory.CreateConnection() ?? throw new InvalidOperationException("The provider made no connection.");
            _connection.ConnectionString = _connectionString;
            _connection.Open();
            _command = _connection.CreateCommand();
            _command.CommandText = "PRAGMA data_version";

            // A new connection counts from its own start: move the stamp, so nothing read before is trusted.
            _lastDataVersion = -1;
            return true;
        }
        catch (Exception exception) when (exception is DbException or InvalidOperationException or ArgumentException)
        {
            Close();
            _retryAt = now + RetryDelayMilliseconds;
            return false;
        }
    }

    private void Close()
    {
        _command?.Dispose();
        _command = null;
        _connection?.Dispose();
        _connection = null;

        // Whatever comes next starts a new stamp.
        _stamp++;
    }
}
