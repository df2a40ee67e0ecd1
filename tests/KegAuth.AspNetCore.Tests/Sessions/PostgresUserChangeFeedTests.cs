using KegAuth.AspNetCore.Sessions;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
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
    public async Task Without_the_trigger_the_feed_never_vouches_and_says_so_once_per_absence()
    {
        await _db.ExecuteAsync("DROP TRIGGER keg_auth_user_changes ON \"Users\"");
        var feed = _db.StartFeed(Heartbeat);

        await PostgresFeedHarness.WaitForChecksAsync(feed, 0, 3);

        Assert.Null(feed.Stamp());
        var missing = Assert.Single(_db.Log.Entries, e => e.EventId.Id == 1404);
        Assert.Contains("keg_auth_user_changes", missing.Message, StringComparison.Ordinal);

        // Installed, then dropped again: a new absence, logged again.
        await using (var context = _db.Context())
        {
            await KegUserChangeFeed.InstallAsync<WebUser>(context);
        }

        await _db.WaitUpAsync(feed, "the feed to vouch once the trigger is installed");
        await _db.ExecuteAsync("DROP TRIGGER keg_auth_user_changes ON \"Users\"");
        await _db.WaitDownAsync(feed, "the trigger was dropped again");
        await _db.WaitForLogAsync(1404, 2, "the second absence to be logged");
        await PostgresFeedHarness.WaitForChecksAsync(feed, feed.Checks, 2);
        Assert.Equal(2, _db.Log.Entries.Count(e => e.EventId.Id == 1404));
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
        Assert.Contains(_db.Log.Entries, e => e.EventId.Id == 1405 && e.Level == LogLevel.Warning);

        // The new connection hears changes too.
        await _db.ExecuteAsync("UPDATE \"Users\" SET \"IsEnabled\" = false");
        await _db.WaitHigherAsync(feed, after, "a notification on the new connection");
    }

    [Fact]
    public async Task An_app_connection_string_with_multiplexing_still_gets_a_listening_feed()
    {
        // Multiplexing would share the feed's connection with other commands, and needs the pooling the feed turns off.
        var feed = _db.StartFeed(Heartbeat, connectionString: _db.ConnectionString + ";Multiplexing=true");
        var before = await _db.WaitUpAsync(feed);

        await _db.ExecuteAsync("UPDATE \"Users\" SET \"IsEnabled\" = false");
        await _db.WaitHigherAsync(feed, before, "the notification through a feed whose app multiplexes");
    }

    [Fact]
    public async Task A_listener_whose_connection_hangs_is_replaced_by_a_new_one()
    {
        // Nothing closes a hung connection (a dead route, a stalled server): only the proof's own timeout
        // ends the wait. Short heartbeat, so that timeout (two heartbeats, at least a second) is short too.
        await using var proxy = FreezingProxy.Start(_db.ConnectionString);
        var feed = _db.StartFeed(TimeSpan.FromMilliseconds(50), connectionString: proxy.ConnectionString);
        var before = await _db.WaitUpAsync(feed);

        proxy.FreezeOpenConnections();

        await _db.WaitForLogAsync(1405, 1, "the hung proof to time out");
        var after = await _db.WaitHigherAsync(feed, before, "the feed to vouch again on a new connection");
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

        clock.Advance(heartbeat * 2);
        Assert.Equal(stamp, feed.Stamp());
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(feed.Stamp());
    }

    [Fact]
    public async Task On_an_app_clock_whose_timestamp_is_zero_the_feed_vouches_only_once_proven()
    {
        // FakeTimeProvider's timestamp is its time's ticks: zero at the earliest time, a value a proof may be stamped with.
        var clock = new FakeTimeProvider(DateTimeOffset.MinValue);
        await _db.ExecuteAsync("DROP TRIGGER keg_auth_user_changes ON \"Users\"");
        var feed = _db.StartFeed(Heartbeat, clock);

        await PostgresFeedHarness.WaitForChecksAsync(feed, 0, 2);
        Assert.Null(feed.Stamp());

        await using (var context = _db.Context())
        {
            await KegUserChangeFeed.InstallAsync<WebUser>(context);
        }

        await _db.WaitUpAsync(feed, "the feed to vouch on a clock at zero once the trigger is installed");
    }

    [Fact]
    public async Task A_notification_costs_no_proof_query_only_the_heartbeat_does()
    {
        // With an hour's heartbeat, the one proof is the first: the feed does not spin between heartbeats.
        var feed = _db.StartFeed(TimeSpan.FromHours(1));
        var before = await _db.WaitUpAsync(feed);

        await _db.ExecuteAsync("UPDATE \"Users\" SET \"IsEnabled\" = false");
        await _db.WaitHigherAsync(feed, before, "the notification of the update");

        Assert.Equal(1, feed.Checks);
    }

    [Fact]
    public async Task A_feed_that_cannot_connect_retries_after_a_heartbeat_then_twice_as_long_each_time()
    {
        await _db.AdminScalarAsync($"ALTER DATABASE \"{_db.DatabaseName}\" ALLOW_CONNECTIONS false");
        var feed = _db.StartFeed(Heartbeat);

        var retries = await _db.WaitForLogAsync(1405, 3, "three failed connection attempts");

        Assert.Null(feed.Stamp());
        Assert.Equal(new[] { LogLevel.Warning, LogLevel.Debug, LogLevel.Debug }, retries.Take(3).Select(e => e.Level));
        Assert.StartsWith("The database's postgresql change feed failed", retries[0].Message, StringComparison.Ordinal);
        Assert.EndsWith("again in 00:00:00.2000000.", retries[0].Message, StringComparison.Ordinal);
        Assert.EndsWith("again in 00:00:00.4000000.", retries[1].Message, StringComparison.Ordinal);
        Assert.EndsWith("again in 00:00:00.8000000.", retries[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_long_heartbeat_still_retries_within_thirty_seconds()
    {
        await _db.AdminScalarAsync($"ALTER DATABASE \"{_db.DatabaseName}\" ALLOW_CONNECTIONS false");
        var feed = _db.StartFeed(TimeSpan.FromMinutes(5));

        var retry = (await _db.WaitForLogAsync(1405, 1, "a failed connection attempt"))[0];

        Assert.Null(feed.Stamp());
        Assert.EndsWith("again in 00:00:30.", retry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_feed_that_reconnected_starts_its_retries_from_one_heartbeat_again()
    {
        var feed = _db.StartFeed(Heartbeat);
        var stamp = await _db.WaitUpAsync(feed);

        for (var round = 1; round <= 2; round++)
        {
            var backend = await _db.FeedBackendAsync();
            Assert.Equal(true, await _db.AdminScalarAsync($"SELECT pg_terminate_backend({backend})"));
            await _db.WaitForLogAsync(1405, round, $"the feed to notice its terminated backend (round {round})");
            stamp = await _db.WaitHigherAsync(feed, stamp, $"the feed to reconnect (round {round})");
        }

        // Each loss is a first failure again: a warning, and a retry one heartbeat later.
        var retries = _db.Log.Entries.Where(e => e.EventId.Id == 1405).ToList();
        Assert.Equal(2, retries.Count);
        Assert.All(retries, retry =>
        {
            Assert.Equal(LogLevel.Warning, retry.Level);
            Assert.EndsWith("again in 00:00:00.2000000.", retry.Message, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_disposed_feed_closes_its_connection_and_no_longer_vouches()
    {
        var feed = _db.StartFeed(Heartbeat);
        await _db.WaitUpAsync(feed);
        Assert.NotNull(await _db.FeedBackendAsync());

        feed.Dispose();

        Assert.Null(feed.Stamp());
        Assert.DoesNotContain(_db.Log.Entries, e => e.EventId.Id == 1405);
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
