using System.Data.Common;
using KegAuth.AspNetCore.Sessions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// When PostgreSQL's feed is not started: a connection string that may read from a standby, a provider that
/// makes no connection, a model without the user table, a connection string the provider rejects. Each
/// answers no feed (the cache stays off) with the reason logged, never an exception. None of these
/// connects: building the model needs no server.
/// </summary>
public sealed class PostgresFeedSetupTests
{
    private const string Unused = "Host=unused.invalid;Database=app";

    [Theory]
    [InlineData("Server=db1,db2;Database=app", true)]
    [InlineData("Host=db1,db2;Database=app;TargetSessionAttributes=read-write", false)]
    [InlineData("Host=db1,db2;Database=app;Target Session Attributes=Primary", false)]
    public void The_providers_own_keywords_decide_whether_a_standby_may_be_read(string connectionString, bool mayReadFromStandby)
        => Assert.Equal(mayReadFromStandby, KegPostgresUserChangeFeed.MayReadFromStandby(NpgsqlFactory.Instance, connectionString));

    [Fact]
    public void Several_hosts_that_may_include_a_standby_get_no_feed_and_the_log_says_why()
    {
        var (feed, reason) = Create(NpgsqlFactory.Instance, "Host=db1,db2;Database=app");

        Assert.Null(feed);
        Assert.Contains("several hosts", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_that_makes_no_connection_gets_no_feed_and_the_log_says_why()
    {
        var (feed, reason) = Create(new NoConnectionFactory(), Unused);

        Assert.Null(feed);
        Assert.Contains("lacks the listening API KegAuth uses (a connection from the provider)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_model_without_the_user_table_gets_no_feed_and_the_log_says_why()
    {
        var options = new DbContextOptionsBuilder<NoUsersContext>().UseNpgsql(Unused).Options;
        using var db = new NoUsersContext(options);
        var log = new CapturedLog();

        var feed = KegPostgresUserChangeFeed.Create<WebUser>(db, NpgsqlFactory.Instance, Unused, new KegSessionCacheOptions(), TimeProvider.System, log.CreateLogger("feed"));

        Assert.Null(feed);
        Assert.Contains("could not be set up (InvalidOperationException)", Assert.Single(log.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_connection_string_the_provider_rejects_gets_no_feed_and_the_log_says_why()
    {
        var (feed, reason) = Create(NpgsqlFactory.Instance, "Host=db1;No Such Keyword=1");

        Assert.Null(feed);
        Assert.Contains("could not be set up (ArgumentException)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_model_must_map_the_user_type_to_a_table()
    {
        var options = new DbContextOptionsBuilder<NoUsersContext>().UseNpgsql(Unused).Options;
        using var db = new NoUsersContext(options);

        var error = Assert.Throws<InvalidOperationException>(() => KegPostgresChangeFeedSql.For<WebUser>(db));
        Assert.Contains(nameof(WebUser), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_user_type_must_be_mapped_to_a_table_not_a_view()
    {
        var options = new DbContextOptionsBuilder<ViewContext>().UseNpgsql(Unused).Options;
        using var db = new ViewContext(options);

        var error = Assert.Throws<InvalidOperationException>(() => KegPostgresChangeFeedSql.For<Thing>(db));
        Assert.Contains("not mapped to a table", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_that_stops_making_connections_leaves_the_feed_retrying_and_saying_why()
    {
        var options = new DbContextOptionsBuilder<WebContext>().UseNpgsql(Unused);
        options.UseKegAuth(new KegAuthOptions { SecretKey = TestWebApp.SecretKey, PasswordWorkFactor = 4 });
        using var db = new WebContext(options.Options);
        var log = new CapturedLog();

        using var feed = KegPostgresUserChangeFeed.Create<WebUser>(
            db, new FadingFactory(), Unused, new KegSessionCacheOptions { FeedHeartbeat = TimeSpan.FromMilliseconds(10) }, TimeProvider.System, log.CreateLogger("feed"));

        Assert.NotNull(feed);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (!log.Entries.Any(e => e.EventId.Id == 1405))
        {
            Assert.True(stopwatch.Elapsed < PostgresFeedHarness.Deadline, "The feed never said why it could not connect.");
            await Task.Delay(10);
        }

        Assert.Contains("(InvalidOperationException)", log.Entries.First(e => e.EventId.Id == 1405).Message, StringComparison.Ordinal);
        Assert.Null(feed.Stamp());
    }

    private static (IKegUserChangeFeed? Feed, string Reason) Create(DbProviderFactory factory, string connectionString)
    {
        var options = new DbContextOptionsBuilder<WebContext>().UseNpgsql(Unused);
        options.UseKegAuth(new KegAuthOptions { SecretKey = TestWebApp.SecretKey, PasswordWorkFactor = 4 });
        using var db = new WebContext(options.Options);
        var log = new CapturedLog();

        var feed = KegPostgresUserChangeFeed.Create<WebUser>(db, factory, connectionString, new KegSessionCacheOptions(), TimeProvider.System, log.CreateLogger("feed"));

        var entry = Assert.Single(log.Entries);
        Assert.Equal(1404, entry.EventId.Id);
        return (feed, entry.Message);
    }

    /// <summary>A provider with neither connections nor its own connection string builder.</summary>
    private sealed class NoConnectionFactory : DbProviderFactory
    {
    }

    /// <summary>Npgsql's provider that makes one connection (the feed's probe of the API), then none.</summary>
    private sealed class FadingFactory : DbProviderFactory
    {
        private int _connections;

        public override DbConnection? CreateConnection() => Interlocked.Increment(ref _connections) == 1 ? new NpgsqlConnection() : null;

        public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new NpgsqlConnectionStringBuilder();
    }

    /// <summary>A model with a table, but not the users'.</summary>
    private sealed class NoUsersContext(DbContextOptions<NoUsersContext> options) : DbContext(options)
    {
        public DbSet<Thing> Things => Set<Thing>();
    }

    /// <summary>A model whose entity is read from a view: a trigger has no table to go on.</summary>
    private sealed class ViewContext(DbContextOptions<ViewContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Thing>().ToView("things");
    }

    private sealed class Thing
    {
        public int Id { get; set; }
    }
}
