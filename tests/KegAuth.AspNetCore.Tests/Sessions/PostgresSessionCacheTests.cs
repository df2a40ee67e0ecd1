using System.Diagnostics;
using System.Net;
using KegAuth.AspNetCore.Sessions;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// The session cache over HTTP on PostgreSQL: with the change feed's trigger installed, a signed-in
/// request is served without reading the database, and a session key reset or a user disabled by raw
/// SQL from another connection is refused at the first request after the feed heard of it. Without
/// the trigger every request reads the database.
/// </summary>
[Collection(PostgresWebCollection.Name)]
public sealed class PostgresSessionCacheTests(PostgresWebFixture postgres) : IAsyncLifetime
{
    private readonly CommandCounter _commands = new();
    private TestWebApp _app = null!;

    public async Task InitializeAsync()
        => _app = await TestWebApp.StartAsync(postgres.NewDatabase(), configureDb: options => options.AddInterceptors(_commands));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task With_the_trigger_a_signed_in_request_is_served_without_reading_the_database()
    {
        await InstallAsync();
        using var browser = await SignedInAsync("ada@example.com");
        var feed = await FeedUpAsync(browser);

        var filling = await browser.GetAsync("/claims");
        _commands.Reset();
        var served = await browser.GetAsync("/claims");

        Assert.Equal(HttpStatusCode.OK, filling.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(0, _commands.Count);
        Assert.NotNull(feed.Stamp());
    }

    [Theory]
    [InlineData("\"SessionKey\" = 'reset-by-raw-sql'")]
    [InlineData("\"IsEnabled\" = false")]
    public async Task A_user_changed_by_raw_sql_is_refused_at_the_first_request_after_the_feed_heard_of_it(string change)
    {
        await InstallAsync();
        var id = await _app.AddUserAsync("ada@example.com");
        using var browser = await SignedInAsync("ada@example.com", id);
        var feed = await FeedUpAsync(browser);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/claims")).StatusCode);
        _commands.Reset();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/claims")).StatusCode);
        Assert.Equal(0, _commands.Count);
        var before = feed.Stamp()!.Value;

        await ExecuteAsync($"UPDATE \"Users\" SET {change} WHERE \"Id\" = {id}");
        await WaitAsync(() => feed.Stamp() > before, "the feed to hear of the raw UPDATE");
        var after = await browser.GetAsync("/claims");

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task An_api_token_served_from_memory_is_refused_once_the_feed_heard_of_its_revocation_by_raw_sql()
    {
        await InstallAsync();
        var id = await _app.AddUserAsync("ada@example.com");
        var token = await _app.IssueApiTokenAsync(id);
        using var client = _app.Client();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var feed = await FeedUpAsync(client);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/claims")).StatusCode);
        _commands.Reset();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/claims")).StatusCode);
        Assert.Equal(0, _commands.Count);
        var before = feed.Stamp()!.Value;

        await ExecuteAsync($"UPDATE \"Users\" SET \"Token\" = NULL WHERE \"Id\" = {id}");
        await WaitAsync(() => feed.Stamp() > before, "the feed to hear of the revoked token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/claims")).StatusCode);
    }

    [Fact]
    public async Task Without_the_trigger_every_request_reads_the_database()
    {
        using var browser = await SignedInAsync("ada@example.com");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/claims")).StatusCode);
        var feed = Assert.IsType<KegPostgresUserChangeFeed>(Cache.Feed);

        // The feed has looked for the trigger, more than once, and not found it.
        await WaitAsync(() => feed.Checks >= 2, "the feed to look for the trigger");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/claims")).StatusCode);
        _commands.Reset();
        var response = await browser.GetAsync("/claims");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(_commands.Count > 0, "A request without the trigger was served without reading the database.");
        Assert.Null(feed.Stamp());
    }

    private KegSessionCache<WebContext, WebUser> Cache => _app.Services.GetRequiredService<KegSessionCache<WebContext, WebUser>>();

    private Task InstallAsync() => _app.WithDbAsync(async db =>
    {
        await KegUserChangeFeed.InstallAsync<WebUser>(db);
        return true;
    });

    private async Task<HttpClient> SignedInAsync(string email, int? id = null)
    {
        if (id is null)
        {
            await _app.AddUserAsync(email);
        }

        var browser = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await TestWebApp.LoginAsync(browser, email, TestWebApp.Password)).StatusCode);
        return browser;
    }

    /// <summary>
    /// Makes a request (which starts the feed), waits until the feed vouches, then for two more proofs, so
    /// that the sign-in's own user writes have been heard before the test measures anything.
    /// </summary>
    private async Task<KegPostgresUserChangeFeed> FeedUpAsync(HttpClient browser)
    {
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/claims")).StatusCode);
        var feed = Assert.IsType<KegPostgresUserChangeFeed>(Cache.Feed);
        await WaitAsync(() => feed.Stamp() is not null, "the feed to vouch");
        var checks = feed.Checks;
        await WaitAsync(() => feed.Checks >= checks + 2, "two heartbeat proofs");
        return feed;
    }

    private async Task ExecuteAsync(string sql)
    {
        var connectionString = await _app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(stopwatch.Elapsed < PostgresFeedHarness.Deadline, $"Waited {PostgresFeedHarness.Deadline.TotalSeconds} s for {what}.");
            await Task.Delay(5);
        }
    }
}
