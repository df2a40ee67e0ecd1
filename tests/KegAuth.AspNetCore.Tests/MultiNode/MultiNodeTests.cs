using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KegAuth.AspNetCore.Tests.Databases;
using KegAuth.Sample.Web;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit;

namespace KegAuth.AspNetCore.Tests.MultiNode;

/// <summary>
/// Issue 18 item 5: two nodes of the web sample, each its own process on its own loopback port, on one
/// PostgreSQL database, sharing the Data Protection keys through it. Nothing a node keeps in memory
/// may let it disagree with the other: cookies, password changes, permissions, lockouts and API
/// tokens hold across both. Each test starts a fresh database and both nodes, and stops both.
/// </summary>
[Collection(PostgresWebCollection.Name)]
public sealed class MultiNodeTests(PostgresWebFixture postgres) : IAsyncLifetime
{
    private const string Password = "Battery staple 42!";
    private readonly string _database = "kegauth_nodes_" + Guid.NewGuid().ToString("N");
    private readonly List<HttpClient> _clients = [];
    private string _connectionString = null!;
    private SampleCluster _cluster = null!;

    private SampleNode A => _cluster.A;

    private SampleNode B => _cluster.B;

    public async Task InitializeAsync()
    {
        _connectionString = postgres.Server.CreateDatabase(_database);
        _cluster = await SampleCluster.StartAsync(_connectionString);
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
    public async Task Both_nodes_run_as_their_own_processes_on_one_key_ring_in_the_database()
    {
        Assert.NotEqual(A.ProcessId, B.ProcessId);
        Assert.NotEqual(A.BaseAddress.Port, B.BaseAddress.Port);
        Assert.NotEqual(Environment.ProcessId, A.ProcessId);

        using var browser = Browser();
        await RegisterAsync(A, "ada");
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(browser, B, "ada", Password)).StatusCode);

        // The key ring is in the database: the cookie B issued is read by A, and neither made a key of its own.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(A.At("/api/auth/me"))).StatusCode);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM \"DataProtectionKeys\""));
    }

    [Fact]
    public async Task Permission_sync_from_both_nodes_starting_at_once_leaves_one_row_per_declared_token()
    {
        // The cluster's schema held users.view only; both nodes synchronised the declared set as they started together.
        await using var db = Context();
        var tokens = await db.Permissions.Select(p => p.Token).ToListAsync();

        Assert.Equal(SamplePermissions.All.Select(p => p.Token).Order(StringComparer.Ordinal), tokens.Order(StringComparer.Ordinal));
        Assert.Equal(["users.view"], await db.Bundles.SelectMany(b => b.Permissions).Select(p => p.Token).ToListAsync());
        Assert.False(A.HasExited || B.HasExited);
    }

    [Fact]
    public async Task A_cookie_issued_by_A_is_accepted_by_B_and_the_other_way_round()
    {
        await RegisterAsync(A, "ada");
        using var browser = Browser();

        var login = await LoginAsync(browser, A, "ada", Password);
        var onB = await browser.GetAsync(B.At("/api/auth/me"));
        var logoutOnB = await browser.PostAsync(B.At("/api/auth/logout"), JsonContent.Create(new { }));
        var afterLogout = await browser.GetAsync(A.At("/api/auth/me"));
        var loginOnB = await LoginAsync(browser, B, "ada", Password);
        var onA = await browser.GetAsync(A.At("/api/auth/me"));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Equal("ada", (await Json(onB)).GetProperty("loginId").GetString());
        Assert.Equal(HttpStatusCode.NoContent, logoutOnB.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, loginOnB.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onA.StatusCode);
    }

    [Fact]
    public async Task A_password_changed_on_B_ends_the_other_sessions_on_A_at_their_next_request()
    {
        await RegisterAsync(A, "ada");
        using var other = Browser();
        using var changer = Browser();
        await LoginAsync(other, A, "ada", Password);
        await LoginAsync(changer, A, "ada", Password);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync(A.At("/api/auth/me"))).StatusCode);

        var change = await changer.PostAsJsonAsync(B.At("/api/auth/change-password"), new { currentPassword = Password, newPassword = "Another staple 43!" });

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync(A.At("/api/auth/me"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await changer.GetAsync(A.At("/api/auth/me"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(Browser(), A, "ada", Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(Browser(), A, "ada", "Another staple 43!")).StatusCode);
    }

    [Fact]
    public async Task A_permission_revoked_in_the_database_is_denied_on_both_nodes_at_the_next_request()
    {
        // The admin holds users.view through the Admins group's bundle.
        using var browser = Browser();
        await LoginAsync(browser, A, "admin", SampleCluster.AdminPassword);
        var token = await IssueApiTokenAsync(browser, A);
        using var api = ApiClient(token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(B.At("/admin/users"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(B.At("/admin/users"))).StatusCode);

        // Revoked as node A's own code would: through a KegAuth context, whose save also resets the session key.
        await using (var db = Context())
        {
            var user = await db.Users.Include(u => u.Groups).SingleAsync(u => u.Username == "admin");
            user.Groups.Clear();
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(B.At("/admin/users"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(A.At("/admin/users"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync(B.At("/api/auth/me"))).StatusCode);
    }

    [Fact]
    public async Task Failed_logins_spread_over_both_nodes_lock_the_account_at_the_one_limit()
    {
        var limit = new KegLockoutOptions().Login.Limit;
        await RegisterAsync(A, "ada");
        using var client = Browser();

        var failures = new List<HttpStatusCode>();
        for (var i = 0; i < limit; i++)
        {
            failures.Add((await LoginAsync(client, i % 2 == 0 ? A : B, "ada", "wrong " + i)).StatusCode);
        }

        var onA = await LoginAsync(client, A, "ada", Password);
        var onB = await LoginAsync(client, B, "ada", Password);

        Assert.All(failures, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(HttpStatusCode.TooManyRequests, onA.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, onB.StatusCode);
        Assert.NotNull(onB.Headers.RetryAfter);
        await using var db = Context();
        Assert.Equal(limit, await db.Attempts.CountAsync(a => !a.Success && !a.IsDuringLockout));
    }

    [Fact]
    public async Task An_api_token_issued_on_A_works_on_B_and_its_replacement_ends_it_on_both()
    {
        await RegisterAsync(A, "ada");
        using var browser = Browser();
        await LoginAsync(browser, A, "ada", Password);

        var first = await IssueApiTokenAsync(browser, A);
        using var firstClient = ApiClient(first);
        var onB = await firstClient.GetAsync(B.At("/api/auth/me"));
        var second = await IssueApiTokenAsync(browser, B);
        using var secondClient = ApiClient(second);

        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Equal("ada", (await Json(onB)).GetProperty("loginId").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await firstClient.GetAsync(A.At("/api/auth/me"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await firstClient.GetAsync(B.At("/api/auth/me"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync(A.At("/api/auth/me"))).StatusCode);
    }

    [Fact]
    public async Task A_node_killed_mid_request_leaves_nothing_that_blocks_the_user()
    {
        // Issue 18 item 6, the kill half: sign-ins in flight on A (each holding an attempt lock for a
        // moment) when A dies; B must sign the user in at once, with no lock or half-written row in its way.
        await RegisterAsync(A, "ada");
        using var client = Browser();
        var inFlight = Enumerable.Range(0, 8).Select(_ => LoginAsync(Browser(), A, "ada", Password)).ToList();
        await Task.Delay(50);
        await A.KillAsync();
        foreach (var request in inFlight)
        {
            try
            {
                await request;
            }
            catch (HttpRequestException)
            {
                // Cut off by the kill: expected for some of them.
            }
        }

        var stopwatch = Stopwatch.StartNew();
        var login = await LoginAsync(client, B, "ada", Password);
        var me = await client.GetAsync(B.At("/api/auth/me"));

        Assert.True(A.HasExited);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10), $"B took {stopwatch.Elapsed} to sign in");
        await using var db = Context();
        Assert.Equal(0, await db.Attempts.CountAsync(a => a.IsDuringLockout));
    }

    /// <summary>A client that keeps cookies. Cookies are per host, not per port, so one jar serves both nodes.</summary>
    private HttpClient Browser()
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { Timeout = TimeSpan.FromSeconds(60) };
        _clients.Add(client);
        return client;
    }

    private HttpClient ApiClient(string token)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task RegisterAsync(SampleNode node, string loginId)
    {
        using var client = new HttpClient();
        var response = await client.PostAsJsonAsync(node.At("/api/auth/register"), new { loginId, password = Password });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, SampleNode node, string loginId, string password)
        => client.PostAsJsonAsync(node.At("/api/auth/login"), new { loginId, password });

    private static async Task<string> IssueApiTokenAsync(HttpClient browser, SampleNode node)
    {
        var issued = await browser.PostAsync(node.At("/api/auth/api-token"), JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        return (await Json(issued)).GetProperty("token").GetString()!;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response)
        => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private SampleDb Context() => _cluster.Context();

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
