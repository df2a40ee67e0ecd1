using System.Diagnostics;
using System.Net;
using KegAuth.AspNetCore.Sessions;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// A user change saved on this node inside an explicit transaction (as the password reset saves) must
/// empty the node's cache when the transaction commits, not only when SaveChanges returns: a request
/// between the two reads the old row and caches it. The feed is made deaf (trigger disabled, a heartbeat
/// of an hour on the app's fake clock) so only the node's own write count can end the session.
/// </summary>
[Collection(PostgresWebCollection.Name)]
public sealed class SessionCacheTransactionTests(PostgresWebFixture postgres) : IAsyncLifetime
{
    private TestWebApp _app = null!;

    public async Task InitializeAsync()
        => _app = await TestWebApp.StartAsync(
            postgres.NewDatabase(),
            configureKegAuth: kegAuth => kegAuth.Services.Configure<KegSessionCacheOptions>(cache => cache.FeedHeartbeat = TimeSpan.FromHours(1)));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_user_disabled_in_a_transaction_is_refused_on_this_node_once_it_commits()
    {
        await _app.WithDbAsync(async db =>
        {
            await KegUserChangeFeed.InstallAsync<WebUser>(db);
            return true;
        });
        var id = await _app.AddUserAsync("ada@example.com");
        using var browser = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await TestWebApp.LoginAsync(browser, "ada@example.com", TestWebApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/claims")).StatusCode);
        var feed = _app.Services.GetRequiredService<KegSessionCache<WebContext, WebUser>>().Feed!;
        var stopwatch = Stopwatch.StartNew();
        while (feed.Stamp() is null)
        {
            Assert.True(stopwatch.Elapsed < PostgresFeedHarness.Deadline, "The feed never vouched.");
            await Task.Delay(5);
        }

        // Deaf from here: only this process's own write count can move the cache on.
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Users\" DISABLE TRIGGER keg_auth_user_changes"));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/claims")).StatusCode);

        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebContext>();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            (await db.Users.SingleAsync(u => u.Id == id)).IsEnabled = false;
            await db.SaveChangesAsync();

            // Saved, not committed: this request still reads the enabled user, and the cache keeps it.
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/claims")).StatusCode);
            await transaction.CommitAsync();
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/claims")).StatusCode);
    }
}
