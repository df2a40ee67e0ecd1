using System.Net;
using KegAuth.AspNetCore.Sessions;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// The cache's feeds: SQLite's <c>data_version</c> feed on real files, and the cache's own rules with a
/// feed the test controls (a save in this process ends a session even when the feed says nothing; a feed
/// that cannot vouch turns the cache off).
/// </summary>
public sealed class SessionCacheFeedTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kegauth-feed-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("Data Source=app.db", true)]
    [InlineData("Data Source=:memory:", false)]
    [InlineData("Data Source=shared;Mode=Memory;Cache=Shared", false)]
    [InlineData("Data Source=", false)]
    public void Only_a_database_file_has_a_sqlite_feed(string connectionString, bool expected)
        => Assert.Equal(expected, KegSqliteUserChangeFeed.IsFile(SqliteFactory.Instance, connectionString));

    [Fact]
    public async Task The_sqlite_stamp_moves_when_another_connection_commits_and_only_then()
    {
        var connectionString = await CreateDatabaseAsync();
        using var feed = new KegSqliteUserChangeFeed(SqliteFactory.Instance, connectionString);

        var first = feed.Stamp();
        var unchanged = feed.Stamp();
        await ExecuteAsync(connectionString, "INSERT INTO t VALUES (1)");
        var afterWrite = feed.Stamp();
        var afterRead = feed.Stamp();

        Assert.NotNull(first);
        Assert.Equal(first, unchanged);
        Assert.True(afterWrite > first, $"{afterWrite} after a commit, {first} before");
        Assert.Equal(afterWrite, afterRead);
    }

    [Fact]
    public void The_sqlite_feed_does_not_vouch_for_a_missing_file_and_does_not_create_it()
    {
        var path = Path.Combine(_folder, "later.db");
        using var feed = new KegSqliteUserChangeFeed(SqliteFactory.Instance, $"Data Source={path}");

        Assert.Null(feed.Stamp());
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task A_disposed_sqlite_feed_cannot_vouch()
    {
        var feed = new KegSqliteUserChangeFeed(SqliteFactory.Instance, await CreateDatabaseAsync());
        Assert.NotNull(feed.Stamp());

        feed.Dispose();

        Assert.Null(feed.Stamp());
    }

    [Fact]
    public async Task A_save_in_this_process_ends_a_cached_session_even_when_the_feed_has_not_moved()
    {
        await using var app = await TestWebApp.StartAsync(new SqliteWebDatabase());
        var feed = new ControlledUserChangeFeed();
        app.Services.GetRequiredService<KegSessionCache<WebContext, WebUser>>().UseFeed(feed);
        var id = await app.AddUserAsync("ada@example.com");
        using var browser = app.Browser();
        await TestWebApp.LoginAsync(browser, "ada@example.com", TestWebApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/claims")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/claims")).StatusCode);

        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == id)).IsEnabled = false;
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/claims")).StatusCode);
    }

    [Fact]
    public async Task A_write_the_feed_reports_ends_a_cached_session_and_a_feed_that_cannot_vouch_serves_nothing()
    {
        await using var app = await TestWebApp.StartAsync(new SqliteWebDatabase());
        var cache = app.Services.GetRequiredService<KegSessionCache<WebContext, WebUser>>();
        var feed = new ControlledUserChangeFeed();
        cache.UseFeed(feed);
        var id = await app.AddUserAsync("ada@example.com");
        using var browser = app.Browser();
        await TestWebApp.LoginAsync(browser, "ada@example.com", TestWebApp.Password);
        await browser.GetAsync("/claims");
        var sessionKey = await app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SessionKey).SingleAsync());

        var cached = await app.WithDbAsync(db => Task.FromResult(cache.Open(db)?.FindSession(sessionKey)));
        feed.Value = 2;
        var afterMove = await app.WithDbAsync(db => Task.FromResult(cache.Open(db)?.FindSession(sessionKey)));
        await browser.GetAsync("/claims");
        feed.Value = null;
        var whileDown = await app.WithDbAsync(db => Task.FromResult(cache.Open(db)));
        var servedWhileDown = await browser.GetAsync("/claims");
        feed.Value = 3;
        var afterDown = await app.WithDbAsync(db => Task.FromResult(cache.Open(db)?.FindSession(sessionKey)));

        Assert.NotNull(cached);
        Assert.Null(afterMove);
        Assert.Null(whileDown);
        Assert.Equal(HttpStatusCode.OK, servedWhileDown.StatusCode);

        // Back with a new stamp, as a feed must after an outage: what was read before it is gone.
        Assert.Null(afterDown);
    }

    [Theory]
    [InlineData(0, 1000, "SizeLimit")]
    [InlineData(100, 0, "FeedHeartbeat")]
    public async Task Settings_that_cannot_work_fail_start_up_naming_the_setting(int sizeLimit, int heartbeatMilliseconds, string setting)
    {
        var failure = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => TestWebApp.StartAsync(
            new SqliteWebDatabase(),
            configureKegAuth: kegAuth => kegAuth.Services.Configure<KegSessionCacheOptions>(options =>
            {
                options.SizeLimit = sizeLimit;
                options.FeedHeartbeat = TimeSpan.FromMilliseconds(heartbeatMilliseconds);
            })));

        Assert.Contains("KegSessionCacheOptions." + setting, failure.Message, StringComparison.Ordinal);
    }

    private Task<string> CreateDatabaseAsync() => SqliteFeedFiles.CreateDatabaseAsync(_folder);

    private static Task ExecuteAsync(string connectionString, string sql) => SqliteFeedFiles.ExecuteAsync(connectionString, sql);
}
