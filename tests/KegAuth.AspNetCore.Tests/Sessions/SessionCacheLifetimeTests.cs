using KegAuth.AspNetCore.Sessions;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// The cache object itself: the feed it chooses and disposes, what a disposed cache serves, when a
/// request gets a new generation, and the feed's state logged once per change.
/// </summary>
public sealed class SessionCacheLifetimeTests : IDisposable
{
    private readonly SqliteWebDatabase _database = new();
    private readonly CapturedLog _log = new();
    private readonly KegAuthOptions _kegAuth = new();

    public SessionCacheLifetimeTests()
    {
        _kegAuth.PasswordWorkFactor = 4;
        _kegAuth.SecretKey = TestWebApp.SecretKey;
        using var db = Context();
        db.Database.EnsureCreated();
        db.Users.Add(new WebUser { Email = "ada@example.com" });
        db.SaveChanges();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _database.Dispose();
    }

    [Fact]
    public void The_first_request_chooses_the_sqlite_feed_for_a_file_and_disposing_the_cache_disposes_it()
    {
        var cache = Cache();
        using var db = Context();

        Assert.NotNull(cache.Open(db));
        var feed = Assert.IsType<KegSqliteUserChangeFeed>(cache.Feed);
        Assert.NotEqual(0, feed.OpenProbes);

        cache.Dispose();

        Assert.Equal(0, feed.OpenProbes);
        Assert.Null(cache.Feed);
    }

    [Fact]
    public void A_disposed_cache_serves_nothing_and_opens_no_feed()
    {
        var cache = Cache();
        cache.Dispose();
        using var db = Context();

        Assert.Null(cache.Open(db));
        Assert.Null(cache.Feed);
    }

    [Fact]
    public void A_cache_turned_off_opens_no_feed()
    {
        using var cache = Cache(new KegSessionCacheOptions { Enabled = false });
        using var db = Context();

        Assert.Null(cache.Open(db));
        Assert.Null(cache.Feed);
    }

    [Fact]
    public void A_feed_given_in_place_of_another_disposes_the_first_and_drops_what_was_read_under_it()
    {
        using var cache = Cache();
        var first = new ControlledUserChangeFeed();
        var second = new ControlledUserChangeFeed();
        using var db = Context();
        cache.UseFeed(first);
        var underFirst = cache.Open(db)!;
        underFirst.AddSession("session-a", new WebUser());

        cache.UseFeed(second);

        Assert.True(first.Disposed);
        Assert.False(second.Disposed);
        Assert.Null(cache.Open(db)!.FindSession("session-a"));
        cache.Dispose();
        Assert.True(second.Disposed);
    }

    [Fact]
    public void Requests_share_a_generation_until_either_stamp_moves_or_it_is_full()
    {
        using var cache = Cache(new KegSessionCacheOptions { SizeLimit = 1 });
        var feed = new ControlledUserChangeFeed();
        cache.UseFeed(feed);
        using var db = Context();

        var first = cache.Open(db)!;
        Assert.Same(first, cache.Open(db));

        feed.Value = 2;
        var afterFeed = cache.Open(db)!;
        Assert.NotSame(first, afterFeed);
        Assert.Equal(2, afterFeed.FeedStamp);

        db.Users.Single().IsEnabled = false;
        db.SaveChanges();
        var afterSave = cache.Open(db)!;
        Assert.NotSame(afterFeed, afterSave);
        Assert.Equal(2, afterSave.FeedStamp);

        afterSave.AddSession("session-a", new WebUser());
        Assert.NotSame(afterSave, cache.Open(db));
    }

    [Fact]
    public void The_feed_state_is_logged_at_the_first_request_and_then_once_per_change()
    {
        using var cache = Cache();
        var feed = new ControlledUserChangeFeed { Value = null };
        cache.UseFeed(feed);
        using var db = Context();

        Assert.Null(cache.Open(db));
        Assert.Null(cache.Open(db));
        feed.Value = 5;
        Assert.NotNull(cache.Open(db));
        Assert.NotNull(cache.Open(db));
        feed.Value = null;
        Assert.Null(cache.Open(db));

        var events = _log.Entries.Where(e => e.EventId.Id is 1402 or 1403).Select(e => (e.EventId.Id, e.Level)).ToList();
        Assert.Equal([(1403, LogLevel.Warning), (1402, LogLevel.Information), (1403, LogLevel.Warning)], events);
        Assert.All(_log.Entries.Where(e => e.EventId.Id is 1402 or 1403), e => Assert.Contains("controlled", e.Message, StringComparison.Ordinal));
    }

    private KegSessionCache<WebContext, WebUser> Cache(KegSessionCacheOptions? options = null)
        => new(Options.Create(options ?? new KegSessionCacheOptions()), Options.Create(_kegAuth), new LoggerFactory([_log]));

    private WebContext Context()
    {
        var builder = new DbContextOptionsBuilder<WebContext>();
        _database.UseProvider(builder);
        builder.UseKegAuth(_kegAuth);
        return new WebContext(builder.Options);
    }
}
