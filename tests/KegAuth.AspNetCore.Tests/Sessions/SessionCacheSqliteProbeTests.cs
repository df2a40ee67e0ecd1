using System.Data;
using System.Data.Common;
using KegAuth.AspNetCore.Sessions;
using Microsoft.Data.Sqlite;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// The SQLite feed's probe connections on real files: how many a node opens, what a request does when
/// all are busy, how a file that cannot be opened is retried, that a broken file never throws, and that
/// a disposed feed leaves no handle on the file.
/// </summary>
public sealed class SessionCacheSqliteProbeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kegauth-probes-").FullName;
    private long _milliseconds = 1_000_000;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Four_probes_per_core_and_at_least_four_open_before_a_request_has_to_wait()
    {
        using var feed = new KegSqliteUserChangeFeed(SqliteFactory.Instance, await CreateDatabaseAsync());
        var expected = Math.Max(4, Environment.ProcessorCount * 4);

        var lent = Enumerable.Range(0, expected).Select(_ => feed.Borrow()).ToList();

        Assert.All(lent, Assert.NotNull);
        Assert.Equal(expected, feed.OpenProbes);
        Assert.Null(feed.Borrow());
        Assert.Equal(expected, feed.OpenProbes);
    }

    [Fact]
    public async Task A_request_that_finds_every_probe_busy_waits_for_the_first_one_given_back()
    {
        using var feed = Feed(await CreateDatabaseAsync(), maxProbes: 1);
        var held = feed.Borrow()!;
        var turns = 0;
        feed.Waiting = () =>
        {
            if (++turns == 3)
            {
                feed.Return(held);
            }
        };

        var probe = feed.Borrow();

        Assert.Same(held, probe);
        Assert.Equal(3, turns);
        Assert.Equal(1, feed.OpenProbes);
    }

    [Fact]
    public async Task A_request_waits_a_bounded_number_of_turns_then_reads_the_database_instead()
    {
        using var feed = Feed(await CreateDatabaseAsync(), maxProbes: 1);
        Assert.NotNull(feed.Borrow());
        var turns = 0;
        feed.Waiting = () => turns++;

        Assert.Null(feed.Stamp());
        Assert.Equal(KegSqliteUserChangeFeed.MaxWaitTurns, turns);
    }

    [Fact]
    public async Task A_request_waiting_for_a_probe_stops_when_the_feed_is_disposed()
    {
        var feed = Feed(await CreateDatabaseAsync(), maxProbes: 1);
        var held = feed.Borrow()!;
        var turns = 0;
        feed.Waiting = () =>
        {
            turns++;
            feed.Dispose();
        };

        Assert.Null(feed.Borrow());
        Assert.Equal(1, turns);

        // The probe still lent out is closed when it comes back to a disposed feed.
        feed.Return(held);
        Assert.Equal(0, feed.OpenProbes);
        Assert.Equal(ConnectionState.Closed, held.Connection.State);
    }

    [Fact]
    public void A_missing_file_is_tried_again_only_after_the_retry_delay_and_no_request_waits_meanwhile()
    {
        var path = Path.Combine(_folder, "later.db");
        using var feed = Feed($"Data Source={path}", maxProbes: 2);
        var turns = 0;
        feed.Waiting = () => turns++;

        Assert.Null(feed.Stamp());
        Assert.Equal(0, feed.OpenProbes);
        CreateDatabaseAt(path);

        _milliseconds += KegSqliteUserChangeFeed.RetryDelayMilliseconds - 1;
        Assert.Null(feed.Stamp());
        Assert.Equal(0, feed.OpenProbes);

        _milliseconds += 1;
        Assert.NotNull(feed.Stamp());
        Assert.Equal(1, feed.OpenProbes);
        Assert.Equal(0, turns);
    }

    [Fact]
    public async Task A_failed_open_while_every_probe_is_lent_leaves_the_count_at_the_limit()
    {
        using var feed = Feed(await CreateDatabaseAsync(), maxProbes: 2);
        var lent = new[] { feed.Borrow(), feed.Borrow() };

        Assert.Null(feed.Borrow());
        Assert.Null(feed.Borrow());
        Assert.Equal(2, feed.OpenProbes);

        feed.Return(lent[0]!);
        Assert.Same(lent[0], feed.Borrow());
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_gives_no_stamp_and_no_exception_and_its_probe_is_closed()
    {
        var path = Path.Combine(_folder, "garbage.db");
        await File.WriteAllBytesAsync(path, Enumerable.Repeat((byte)0x5A, 8192).ToArray());
        using var feed = Feed($"Data Source={path}", maxProbes: 2);

        Assert.Null(feed.Stamp());
        Assert.Equal(0, feed.OpenProbes);
    }

    [Fact]
    public async Task A_probe_opened_after_a_commit_moves_the_stamp_because_it_cannot_know_what_came_before()
    {
        var connectionString = await CreateDatabaseAsync();
        using var feed = Feed(connectionString, maxProbes: 4);
        var before = feed.Stamp();
        var busy = feed.Borrow();
        await ExecuteAsync(connectionString, "INSERT INTO t VALUES (1)");

        var fromNewProbe = feed.Stamp();

        Assert.NotNull(busy);
        Assert.Equal(2, feed.OpenProbes);
        Assert.True(fromNewProbe > before, $"{fromNewProbe} from a new probe after a commit, {before} before");
    }

    [Fact]
    public async Task A_disposed_feed_leaves_no_handle_open_on_the_file()
    {
        Assert.True(Directory.Exists("/proc/self/fd"), "This test counts the process's open files through /proc/self/fd, which this system lacks.");
        var connectionString = await CreateDatabaseAsync();
        var path = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var feed = new KegSqliteUserChangeFeed(SqliteFactory.Instance, connectionString);
        var lent = feed.Borrow();
        Assert.NotNull(feed.Stamp());
        Assert.True(OpenHandles(path) >= 2, "two probes are open on the file");

        feed.Return(lent!);
        feed.Dispose();

        Assert.Equal(0, feed.OpenProbes);
        Assert.Equal(0, OpenHandles(path));
    }

    [Theory]
    [InlineData("Filename=app.db", true)]
    [InlineData("not a connection string", false)]
    public void A_file_named_by_any_spelling_the_provider_accepts_has_a_feed_and_a_malformed_string_has_none(string connectionString, bool expected)
        => Assert.Equal(expected, KegSqliteUserChangeFeed.IsFile(SqliteFactory.Instance, connectionString));

    [Fact]
    public void A_provider_without_its_own_builder_or_connections_gets_no_stamp_and_no_exception()
    {
        var provider = new BareProviderFactory();
        Assert.True(KegSqliteUserChangeFeed.IsFile(provider, "Data Source=app.db"));
        using var feed = new KegSqliteUserChangeFeed(provider, "Data Source=app.db");

        Assert.Null(feed.Stamp());
        Assert.Equal(0, feed.OpenProbes);
    }

    private static int OpenHandles(string path)
        => new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Count(fd => string.Equals(fd.LinkTarget, path, StringComparison.Ordinal));

    private static void CreateDatabaseAt(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE t (x INTEGER)";
        command.ExecuteNonQuery();
    }

    private static Task ExecuteAsync(string connectionString, string sql) => SqliteFeedFiles.ExecuteAsync(connectionString, sql);

    private KegSqliteUserChangeFeed Feed(string connectionString, int maxProbes)
        => new(SqliteFactory.Instance, connectionString, maxProbes, () => _milliseconds);

    private Task<string> CreateDatabaseAsync() => SqliteFeedFiles.CreateDatabaseAsync(_folder);

    /// <summary>A provider that overrides nothing: no connection-string builder of its own, no connections.</summary>
    private sealed class BareProviderFactory : DbProviderFactory;
}
