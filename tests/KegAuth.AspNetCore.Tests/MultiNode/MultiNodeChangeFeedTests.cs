using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using KegAuth.AspNetCore.Tests.Databases;
using Xunit;
using Xunit.Abstractions;

namespace KegAuth.AspNetCore.Tests.MultiNode;

/// <summary>
/// Issue 19 across processes: two web-sample nodes on one PostgreSQL database with the user change
/// feed's trigger installed, so each node serves validated sessions from its own memory. A change made
/// on one node must still end the session on the other, as soon as the notification arrives.
/// </summary>
[Collection(PostgresWebCollection.Name)]
public sealed class MultiNodeChangeFeedTests(PostgresWebFixture postgres, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "Battery staple 42!";
    private const string FeedUpLine = "follows the database's postgresql change feed";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly string _database = "kegauth_feed_nodes_" + Guid.NewGuid().ToString("N");
    private readonly List<HttpClient> _clients = [];
    private SampleCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        var connectionString = postgres.Server.CreateDatabase(_database);

        // The session cache's feed events (1402-1404) are Information; the nodes otherwise log warnings only.
        _cluster = await SampleCluster.StartAsync(connectionString, installChangeFeed: true, ["--Logging:LogLevel:KegAuth.AspNetCore.Sessions", "Information"]);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        postgres.Server.DropDatabase(_database);
    }

    [Fact]
    public async Task A_password_changed_on_B_ends_the_session_cached_on_A_once_the_notification_arrives()
    {
        var (a, b) = (_cluster.A, _cluster.B);
        using (var anonymous = new HttpClient())
        {
            Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync(a.At("/api/auth/register"), new { loginId = "ada", password = Password })).StatusCode);
        }

        var other = Browser();
        var changer = Browser();
        Assert.Equal(HttpStatusCode.OK, (await other.PostAsJsonAsync(a.At("/api/auth/login"), new { loginId = "ada", password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await changer.PostAsJsonAsync(a.At("/api/auth/login"), new { loginId = "ada", password = Password })).StatusCode);

        // "/" reads nothing but the request's principal: what answers it is the session check, cached on A once its feed is up.
        var stopwatch = Stopwatch.StartNew();
        while (!a.Output.Any(line => line.Contains(FeedUpLine, StringComparison.Ordinal)))
        {
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(a.At("/"))).StatusCode);
            Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), "Node A's session cache never followed the feed:\n" + string.Join('\n', a.Output));
            await Task.Delay(20);
        }

        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(a.At("/"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(a.At("/"))).StatusCode);

        var change = await changer.PostAsJsonAsync(b.At("/api/auth/change-password"), new { currentPassword = Password, newPassword = "Another staple 43!" });
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        var sinceChange = Stopwatch.StartNew();
        var served = 0;
        HttpStatusCode status;
        while ((status = (await other.GetAsync(a.At("/"))).StatusCode) == HttpStatusCode.OK)
        {
            served++;
            Assert.True(sinceChange.Elapsed < Deadline, $"Node A still served the old session {sinceChange.Elapsed.TotalMilliseconds:F0} ms after the password changed on B.");
        }

        var delay = sinceChange.Elapsed;
        output.WriteLine($"Node A refused the old session {delay.TotalMilliseconds:F1} ms after B's password change returned; {served} request(s) served from A's cache meanwhile.");

        // Refused by the session check (the sample sends an anonymous "/" to the login page); the changer's own session lives on.
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.Equal(HttpStatusCode.OK, (await changer.GetAsync(a.At("/"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await changer.GetAsync(b.At("/"))).StatusCode);
        Assert.False(a.HasExited || b.HasExited);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so a refused session shows as the login redirect.</summary>
    private HttpClient Browser()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };
        _clients.Add(client);
        return client;
    }
}
