using System.Diagnostics;
using KegAuth.AspNetCore.Sessions;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// A fresh PostgreSQL database with the test app's schema, a feed on it, and raw SQL from connections
/// of the test's own. Waits poll with a generous deadline and fail saying what never happened; every
/// stamp a wait sees is checked never to go back.
/// </summary>
internal sealed class PostgresFeedHarness : IAsyncDisposable
{
    /// <summary>Long enough for a loaded two-core machine; the waits end as soon as the condition holds.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly KegAuth.Tests.Databases.PostgresServer _server;
    private readonly PostgresWebDatabase _database;
    private readonly List<IKegUserChangeFeed> _feeds = [];
    private long _highestStamp = long.MinValue;

    private PostgresFeedHarness(KegAuth.Tests.Databases.PostgresServer server, PostgresWebDatabase database, string connectionString, string name)
    {
        _server = server;
        _database = database;
        ConnectionString = connectionString;
        DatabaseName = name;
    }

    public string ConnectionString { get; }

    /// <summary>What the feeds logged (their reasons for not vouching, their retries).</summary>
    public CapturedLog Log { get; } = new();

    public string DatabaseName { get; }

    public static async Task<PostgresFeedHarness> StartAsync(PostgresWebFixture postgres, bool installTrigger)
    {
        var database = new PostgresWebDatabase(postgres.Server);
        await using var db = Context(database);
        await db.Database.EnsureCreatedAsync();
        var connectionString = db.Database.GetConnectionString()!;
        var harness = new PostgresFeedHarness(postgres.Server, database, connectionString, new NpgsqlConnectionStringBuilder(connectionString).Database!);
        if (installTrigger)
        {
            await KegUserChangeFeed.InstallAsync<WebUser>(db);
        }

        return harness;
    }

    public static WebContext Context(WebDatabase database)
    {
        var options = new DbContextOptionsBuilder<WebContext>();
        database.UseProvider(options);
        options.UseKegAuth(new KegAuthOptions { SecretKey = TestWebApp.SecretKey, PasswordWorkFactor = 4 });
        return new WebContext(options.Options);
    }

    public WebContext Context() => Context(_database);

    /// <summary>A feed on this database (on <paramref name="connectionString"/> when given), disposed with the harness.</summary>
    public KegPostgresUserChangeFeed StartFeed(TimeSpan heartbeat, TimeProvider? time = null, string? connectionString = null)
    {
        using var db = Context();
        var feed = KegPostgresUserChangeFeed.Create<WebUser>(
            db, NpgsqlFactory.Instance, connectionString ?? ConnectionString, new KegSessionCacheOptions { FeedHeartbeat = heartbeat }, time ?? TimeProvider.System, Log.CreateLogger("feed"));
        Assert.NotNull(feed);
        _feeds.Add(feed);
        return (KegPostgresUserChangeFeed)feed;
    }

    /// <summary>Waits until the feed vouches; returns its stamp.</summary>
    public Task<long> WaitUpAsync(IKegUserChangeFeed feed, string what = "the feed to vouch")
        => WaitForStampAsync(feed, _ => true, what);

    /// <summary>Waits until the feed vouches with a stamp above <paramref name="than"/>; returns it.</summary>
    public Task<long> WaitHigherAsync(IKegUserChangeFeed feed, long than, string what)
        => WaitForStampAsync(feed, stamp => stamp > than, what);

    /// <summary>Waits until the feed stops vouching.</summary>
    public async Task WaitDownAsync(IKegUserChangeFeed feed, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (Observe(feed) is not null)
        {
            Assert.True(stopwatch.Elapsed < Deadline, $"Waited {Deadline.TotalSeconds} s for the feed to stop vouching after {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until the feed completed <paramref name="count"/> more proof queries than <paramref name="after"/>.</summary>
    public static async Task WaitForChecksAsync(KegPostgresUserChangeFeed feed, long after, int count)
    {
        var stopwatch = Stopwatch.StartNew();
        while (feed.Checks < after + count)
        {
            Assert.True(stopwatch.Elapsed < Deadline, $"Waited {Deadline.TotalSeconds} s for {count} heartbeat proof queries.");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until the feeds logged <paramref name="count"/> entries with <paramref name="eventId"/>; returns them, oldest first.</summary>
    public async Task<IReadOnlyList<CapturedLog.LogEntry>> WaitForLogAsync(int eventId, int count, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var entries = Log.Entries.Where(e => e.EventId.Id == eventId).ToList();
            if (entries.Count >= count)
            {
                return entries;
            }

            Assert.True(stopwatch.Elapsed < Deadline, $"Waited {Deadline.TotalSeconds} s for {what}; logged {entries.Count} of {count}.");
            await Task.Delay(10);
        }
    }

    /// <summary>The feed's stamp, checked never to be below one seen before.</summary>
    public long? Observe(IKegUserChangeFeed feed)
    {
        var stamp = feed.Stamp();
        if (stamp is { } value)
        {
            Assert.True(value >= _highestStamp, $"The stamp went back from {_highestStamp} to {value}.");
            _highestStamp = value;
        }

        return stamp;
    }

    /// <summary>Runs <paramref name="sql"/> on a connection of its own (another client of the database).</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <paramref name="sql"/> on the server's postgres database, as a superuser.</summary>
    public async Task<object?> AdminScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_server.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    /// <summary>The backend pid of this database's feed connection (by its application name), or null.</summary>
    public async Task<int?> FeedBackendAsync()
        => await AdminScalarAsync(
            $"SELECT pid FROM pg_stat_activity WHERE application_name = 'kegauth-user-feed' AND datname = '{DatabaseName}'") as int?;

    public async ValueTask DisposeAsync()
    {

        foreach (var feed in _feeds)
        {
            feed.Dispose();
        }

        // The database may have been closed to connections by a test.
        await AdminScalarAsync($"ALTER DATABASE \"{DatabaseName}\" ALLOW_CONNECTIONS true");
        _database.Dispose();
    }

    private async Task<long> WaitForStampAsync(IKegUserChangeFeed feed, Func<long, bool> condition, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (Observe(feed) is { } stamp && condition(stamp))
            {
                return stamp;
            }

            Assert.True(stopwatch.Elapsed < Deadline, $"Waited {Deadline.TotalSeconds} s for {what}; the stamp is {feed.Stamp()?.ToString() ?? "null"}.");

            // Yielding for the first 100 ms, so a logged delay is not the timer's granularity; sleeping after that.
            if (stopwatch.ElapsedMilliseconds < 100)
            {
                Thread.Yield();
            }
            else
            {
                await Task.Delay(5);
            }
        }
    }
}
