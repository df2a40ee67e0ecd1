using KegAuth.AspNetCore.Sessions;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Xunit.Abstractions;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// PostgreSQL's user change feed on its own: the stamp moves for every kind of user write from another
/// client, not for other tables; it stops vouching without the trigger, with the trigger disabled, with
/// its connection gone or its proof stale, and comes back with a higher stamp.
/// </summary>
[Collection(PostgresWebCollection.Name)]
public sealed class PostgresUserChangeFeedTests(PostgresWebFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(200);
    private PostgresFeedHarness _db = null!;

    public async Task InitializeAsync()
    {
        _db = await PostgresFeedHarness.StartAsync(postgres, installTrigger: true);
        await using var context = _db.Context();
        context.Users.AddRange(new WebUser { Email = "ada@example.com" }, new WebUser { Email = "bob@example.com" });
        await context.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData("UPDATE \"Users\" SET \"IsEnabled\" = false WHERE \"Email\" = 'ada@example.com'")]
    [InlineData("UPDATE \"Users\" SET \"SessionKey\" = 'reset-by-hand' WHERE \"Email\" = 'ada@example.com'")]
    [InlineData("DELETE FROM \"Users\" WHERE \"Email\" = 'bob@example.com'")]
    [InlineData("TRUNCATE \"Users\" CASCADE")]
    [InlineData("SET session_replication_role = replica; UPDATE \"Users\" SET \"IsEnabled\" = false")]
    public async Task The_stamp_moves_after_a_user_write_from_another_connection(string sql)
    {
        var feed = _db.StartFeed(Heartbeat);
        var before = await _db.WaitUpAsync(feed);

        Assert.True(await _db.ExecuteAsync(sql) is > 0 or -1);
        var sinceCommit = System.Diagnostics.Stopwatch.StartNew();

        await _db.WaitHigherAsync(feed, before, "the notification of: " + sql);
        output.WriteLine($"The stamp moved {sinceCommit.Elapsed.TotalMilliseconds:F2} ms after the write returned.");
    }

    [Fact]
    public async Task The_stamp_moves_after_an_ExecuteUpdate()
    {
        var feed = _db.StartFeed(Heartbeat);
        var before = await _db.WaitUpAsync(feed);

        await using (var context = _db.Context())
        {
            Assert.Equal(2, await context.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.IsEnabled, false)));
        }

        await _db.WaitHigherAsync(feed, before, "the notification of an ExecuteUpdate");
    }

    [Fact]
    public async Task Writes_to_other_tables_and_user_inserts_leave_the_stamp_alone()
    {
        var feed = _db.StartFeed(Heartbeat);
        var before = await _db.WaitUpAsync(feed);
        var proofs = feed.Checks;

        await _db.ExecuteAsync("INSERT INTO \"Permissions\" (\"Token\", \"Description\") VALUES ('reports.view', 'Reports')");
        await using (var context = _db.Context())
        {
            context.Users.Add(new WebUser { Email = "cy@example.com" });
            await context.SaveChangesAsync();
        }

        await _db.ExecuteAsync("UPDATE \"Permissions\" SET \"Description\" = 'All reports'");

        // A proof that began after those commits has seen every notification they could have sent.
        await PostgresFeedHarness.WaitForChecksAsync(feed, proofs, 2);
        Assert.Equal(before, _db.Observe(feed));

        // And the same wait does see a user update: the quiet above is not a deaf feed.
        await _db.ExecuteAsync("UPDATE \"Users\" SET \"IsEnabled\" = false WHERE \"Email\" = 'cy@example.com'");
        await PostgresFeedHarness.WaitForChecksAsync(feed, feed.Checks, 2);
        Assert.Equal(before + 1, _db.Observe(feed));
    }

    [Fact]
    public async Task A_sign_in_time_written_alone_leaves_the_stamp_alone_and_any_other_user_column_moves_it()
    {
        var feed = _db.StartFeed(Heartbeat);
        var before = await _db.WaitUpAsync(feed);

        // Every sign-in writes this column and nothing cached reads it: no node's cache should empty for it.
        await _db.ExecuteAsync("UPDATE \"Users\" SET \"LastLoginUtc\" = now() WHERE \"Email\" = 'ada@example.com'");
        await PostgresFeedHarness.WaitForChecksAsync(feed, feed.Checks, 2);
        Assert.Equal(before, _db.Observe(feed));

        await _db.ExecuteAsync("UPDATE \"Users\" SET \"LastLoginUtc\" = now(), \"IsSuperuser\" = true WHERE \"Email\" = 'ada@example.com'");
        await _db.WaitHigherAsync(feed, before, "the notification of a superuser change written with a sign-in time");
    }

    [Fact]
    public async Task A_trigger_installed_for_an_older_model_stops_the_feed_until_installed_again()
    {
        var feed = _db.StartFeed(Heartbeat);
        var before = await _db.WaitUpAsync(feed);

        // As if the model gained a column (a new mixin) after the trigger was installed: it would not hear that column.
        await _db.ExecuteAsync("COMMENT ON TRIGGER keg_auth_user_changes ON \"Users\" IS 'kegauth user change feed; columns: Id'");
        await _db.WaitDownAsync(feed, "the trigger's columns no longer match the model");

        await using (var context = _db.Context())
        {
            await KegUserChangeFeed.InstallAsync<WebUser>(context);
        }

        await _db.WaitHigherAsync(feed, before, "the feed to vouch again once the trigger is installed for this model");
    }

    [Fact]
    public async Task Without_the_trigger_the_feed_never_vouches()
    {
        await _db.ExecuteAsync("DROP TRIGGER keg_auth_user_changes ON \"Users\"");
        var feed = _db.StartFeed(Heartbeat);

        await PostgresFeedHarness.WaitForChecksAsync(feed, 0, 3);

        Assert.Null(feed.Stamp());
        Assert.Contains(_db.Log.Entries, e => e.EventId.Id == 1404 && e.Message.Contains("keg_auth_user_changes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_disabled_trigger_stops_the_feed_and_enabling_it_brings_a_higher_stamp()
    {
        var feed = _db.StartFeed(Heartbeat);
        var before = await _db.WaitUpAsync(feed);

        await _db.ExecuteAsync("ALTER TABLE \"Users\" DISABLE TRIGGER keg_auth_user_changes");
        await _db.WaitDownAsync(feed, "the trigger was disabled");

        // Unheard while disabled; then the trigger is back.
        await _db.ExecuteAsync("UPDATE \"Users\" SET \"IsEnabled\" = false");
        await _db.ExecuteAsync("ALTER TABLE \"Users\" ENABLE ALWAYS TRIGGER keg_auth_user_changes");
        await _db.WaitHigherAsync(feed, before, "the feed to vouch again once the trigger is enabled");
    }

    [Fact]
    public async Task A_killed_listener_stops_the_feed_until_it_reconnects_with_a_higher_stamp()
    {
        var feed = _db.StartFeed(Heartbeat);
        var before = await _db.WaitUpAsync(feed);
        var backend = await _db.FeedBackendAsync();
        Assert.NotNull(backend);

        // Closed to new connections, so the feed cannot come back before the test has seen it down.
        await _db.AdminScalarAsync($"ALTER DATABASE \"{_db.DatabaseName}\" ALLOW_CONNECTIONS false");
        Assert.Equal(true, await _db.AdminScalarAsync($"SELECT pg_terminate_backend({backend})"));
        await _db.WaitDownAsync(feed, "its backend was terminated");
        await _db.AdminScalarAsync($"ALTER DATABASE \"{_db.DatabaseName}\" ALLOW_CONNECTIONS true");

        var after = await _db.WaitHigherAsync(feed, before, "the feed to reconnect");
        var newBackend = await _db.FeedBackendAsync();

        Assert.NotNull(newBackend);
        Assert.NotEqual(backend, newBackend);
        Assert.Contains(_db.Log.Entries, e => e.EventId.Id == 1405 && e.Level == Microsoft.Extensions.Logging.LogLevel.Warning);

        // The new connection hears changes too.
        await _db.ExecuteAsync("UPDATE \"Users\" SET \"IsEnabled\" = false");
        await _db.WaitHigherAsync(feed, after, "a notification on the new connection");
    }

    [Fact]
    public async Task A_proof_older_than_two_heartbeats_stops_the_feed()
    {
        // The app's clock judges the proof's age: advanced past two heartbeats, the last proof is stale.
        var clock = new FakeTimeProvider();
        var heartbeat = TimeSpan.FromHours(1);
        var feed = _db.StartFeed(heartbeat, clock);
        var stamp = await _db.WaitUpAsync(feed);

        clock.Advance(heartbeat * 2 - TimeSpan.FromSeconds(1));
        Assert.Equal(stamp, feed.Stamp());
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(feed.Stamp());
    }

    [Fact]
    public async Task A_disposed_feed_closes_its_connection_and_no_longer_vouches()
    {
        var feed = _db.StartFeed(Heartbeat);
        await _db.WaitUpAsync(feed);
        Assert.NotNull(await _db.FeedBackendAsync());

        feed.Dispose();

        Assert.Null(feed.Stamp());
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (await _db.FeedBackendAsync() is not null)
        {
            Assert.True(stopwatch.Elapsed < PostgresFeedHarness.Deadline, "The disposed feed's connection is still open.");
            await Task.Delay(10);
        }
    }

    [Theory]
    [InlineData("Host=db1,db2;Database=app", true)]
    [InlineData("Host=db1,db2;Database=app;Target Session Attributes=prefer-standby", true)]
    [InlineData("Host=db1,db2;Database=app;Target Session Attributes=primary", false)]
    [InlineData("Host=db1,db2;Database=app;Target Session Attributes=read-write", false)]
    [InlineData("Host=db1;Database=app", false)]
    public void A_connection_string_that_may_read_from_a_standby_gets_no_feed(string connectionString, bool mayReadFromStandby)
        => Assert.Equal(mayReadFromStandby, KegPostgresUserChangeFeed.MayReadFromStandby(Npgsql.NpgsqlFactory.Instance, connectionString));

    [Fact]
    public async Task The_proof_holds_only_on_the_listening_backend_itself()
    {
        // What a pooler in transaction mode would do: run the heartbeat on a backend other than the listener.
        string proofFor(int backend)
        {
            using var context = _db.Context();
            return KegPostgresChangeFeedSql.For<WebUser>(context).Proof(backend);
        }

        await using var listener = new Npgsql.NpgsqlConnection(_db.ConnectionString);
        await listener.OpenAsync();
        await using var listen = new Npgsql.NpgsqlCommand(KegPostgresChangeFeedSql.Listen(), listener);
        var pid = (int)(await listen.ExecuteScalarAsync())!;
        await using var other = new Npgsql.NpgsqlConnection(_db.ConnectionString);
        await other.OpenAsync();

        Assert.Equal(true, await new Npgsql.NpgsqlCommand(proofFor(pid), listener).ExecuteScalarAsync());
        Assert.Equal(false, await new Npgsql.NpgsqlCommand(proofFor(pid), other).ExecuteScalarAsync());
        Assert.Equal(false, await new Npgsql.NpgsqlCommand(proofFor(other.ProcessID), other).ExecuteScalarAsync());
    }

    [Fact]
    public void A_provider_without_npgsqls_listening_api_gets_no_feed_and_the_log_says_why()
    {
        // As if Npgsql's API changed: the connection the factory makes has no Notification event.
        var log = new CapturedLog();
        using var context = _db.Context();

        var feed = KegPostgresUserChangeFeed.Create<WebUser>(
            context, Microsoft.Data.Sqlite.SqliteFactory.Instance, "Data Source=unused.db", new KegSessionCacheOptions(), TimeProvider.System, log.CreateLogger("feed"));

        Assert.Null(feed);
        Assert.Null(KegNpgsqlListenApi.For(typeof(Microsoft.Data.Sqlite.SqliteConnection), out var missing));
        Assert.Equal("Microsoft.Data.Sqlite.SqliteConnection.Notification", missing);
        var entry = Assert.Single(log.Entries);
        Assert.Equal(1404, entry.EventId.Id);
        Assert.Contains("lacks the listening API", entry.Message, StringComparison.Ordinal);
        Assert.NotNull(KegNpgsqlListenApi.For(typeof(Npgsql.NpgsqlConnection), out _));
    }
}
