using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KegAuth.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.AspNetCore.Tests.MultiNode;

/// <summary>
/// Issue 18 item 6: the database goes away under two running nodes and comes back. On a PostgreSQL
/// server of its own (the shared one must not go away under other tests): while it is stopped every
/// request answers 503 with Retry-After and no exception details, nothing is counted or half-written,
/// and once it is back both nodes serve again without a restart.
/// </summary>
public sealed class MultiNodeFaultTests : IAsyncLifetime
{
    private const string Password = "Battery staple 42!";
    private PostgresServer _server = null!;
    private SampleCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _server = PostgresServer.Start();
        _cluster = await SampleCluster.StartAsync(_server.CreateDatabase("kegauth_outage"));
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _server?.Dispose();
    }

    [Fact]
    public async Task While_the_database_is_away_requests_answer_503_nothing_is_counted_and_both_nodes_recover()
    {
        var (a, b) = (_cluster.A, _cluster.B);
        using var anonymous = new HttpClient();
        Assert.Equal(HttpStatusCode.Created, (await anonymous.PostAsJsonAsync(a.At("/api/auth/register"), new { loginId = "ada", password = Password })).StatusCode);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync(a.At("/api/auth/login"), new { loginId = "ada", password = Password })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(b.At("/api/auth/me"))).StatusCode);

        _server.StopForOutage();
        var during = new List<(string What, HttpResponseMessage Response)>
        {
            ("login on A", await anonymous.PostAsJsonAsync(a.At("/api/auth/login"), new { loginId = "ada", password = Password })),
            ("wrong login on B", await anonymous.PostAsJsonAsync(b.At("/api/auth/login"), new { loginId = "ada", password = "wrong 1" })),
            ("wrong login on A", await anonymous.PostAsJsonAsync(a.At("/api/auth/login"), new { loginId = "ada", password = "wrong 2" })),
            ("cookie on A", await browser.GetAsync(a.At("/api/auth/me"))),
            ("cookie on B", await browser.GetAsync(b.At("/api/auth/me"))),
            ("forgot-password on A", await anonymous.PostAsJsonAsync(a.At("/api/auth/forgot-password"), new { loginId = "ada" })),
            ("register on B", await anonymous.PostAsJsonAsync(b.At("/api/auth/register"), new { loginId = "bob", password = Password })),
        };

        foreach (var (what, response) in during)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: {(int)response.StatusCode} {body}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("unavailable", JsonDocument.Parse(body).RootElement.GetProperty("code").GetString());
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
            Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
            Assert.DoesNotContain("Npgsql", body, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        }

        _server.Restart();

        // Each node's pool still holds connections the outage cut: the first requests may meet one
        // (503 again), never a 500, and within seconds the node serves without having been restarted.
        foreach (var node in new[] { a, b })
        {
            Assert.Equal(HttpStatusCode.OK, await EventuallyAsync(() => browser.GetAsync(node.At("/api/auth/me"))));
            Assert.Equal(HttpStatusCode.OK, await EventuallyAsync(() => anonymous.PostAsJsonAsync(node.At("/api/auth/login"), new { loginId = "ada", password = Password })));
        }

        Assert.False(a.HasExited || b.HasExited);

        // This process's own pool still holds a connection from before the outage.
        _cluster.ClearPool();
        await using var db = _cluster.Context();
        var attempts = await db.Attempts.AsNoTracking().ToListAsync();

        // The sign-ins the outage refused were never stored: no failure counts against ada.
        Assert.DoesNotContain(attempts, attempt => !attempt.Success);
        Assert.Equal(3, attempts.Count);
        Assert.Equal(["admin", "ada"], await db.Users.OrderBy(u => u.Id).Select(u => u.Username).ToListAsync());
    }

    /// <summary>Sends until the answer is not 503 (at most 20 s); a 500 or anything else ends it at once.</summary>
    private static async Task<HttpStatusCode> EventuallyAsync(Func<Task<HttpResponseMessage>> send)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            var status = (await send()).StatusCode;
            if (status != HttpStatusCode.ServiceUnavailable || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(200);
        }
    }
}
