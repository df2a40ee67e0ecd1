using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using KegAuth.AspNetCore.Authorization;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// Attacks on the node's permission cache (issue 19): a revocation saved anywhere (another context,
/// another node) takes effect on the very next request, although the tokens were cached by then; the
/// cache never answers for a session key the database no longer holds; it stays bounded.
/// </summary>
public sealed class PermissionCacheTests : IAsyncLifetime
{
    private TestWebApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestWebApp.StartAsync();
        await _app.WithDbAsync(db =>
        {
            db.Permissions.AddRange(new WebPermission { Token = "reports.view" }, new WebPermission { Token = "reports.export" });
            return db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_direct_permission_revoked_on_another_context_is_refused_on_the_next_cookie_request()
    {
        var id = await UserWithDirectPermissionAsync(_app);
        using var browser = _app.Browser();
        await TestWebApp.LoginAsync(browser, "ada@example.com", TestWebApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/reports")).StatusCode);

        await RevokeDirectAsync(_app, id);

        // The session key was reset with the revocation, so the cookie's session ended: nothing cached can answer.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/reports")).StatusCode);
    }

    [Fact]
    public async Task A_direct_permission_revoked_on_another_context_is_refused_on_the_next_api_token_request()
    {
        var id = await UserWithDirectPermissionAsync(_app);
        var token = await _app.IssueApiTokenAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(_app, "/reports", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(_app, "/reports", token)).StatusCode);

        await RevokeDirectAsync(_app, id);

        // The token still authenticates (tokens survive rights changes) but the tokens are read again.
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(_app, "/reports", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(_app, "/me", token)).StatusCode);
    }

    [Fact]
    public async Task A_permission_taken_from_a_bundle_of_the_users_group_is_refused_on_the_next_request()
    {
        var id = await _app.AddUserAsync("ada@example.com");
        await _app.WithDbAsync(async db =>
        {
            var bundle = new WebBundle { Name = "reading" };
            bundle.Permissions.Add(await db.Permissions.SingleAsync(p => p.Token == "reports.view"));
            var group = new WebGroup { Name = "analysts" };
            group.Bundles.Add(bundle);
            group.Users.Add(await db.Users.SingleAsync(u => u.Id == id));
            db.Groups.Add(group);
            return await db.SaveChangesAsync();
        });
        var token = await _app.IssueApiTokenAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(_app, "/reports", token)).StatusCode);

        await _app.WithDbAsync(async db =>
        {
            var bundle = await db.Bundles.Include(b => b.Permissions).SingleAsync(b => b.Name == "reading");
            bundle.Permissions.Clear();
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(_app, "/reports", token)).StatusCode);
    }

    [Fact]
    public async Task A_user_deactivated_on_another_context_is_refused_on_the_next_request()
    {
        var id = await UserWithDirectPermissionAsync(_app);
        var token = await _app.IssueApiTokenAsync(id);
        using var browser = _app.Browser();
        await TestWebApp.LoginAsync(browser, "ada@example.com", TestWebApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(_app, "/reports", token)).StatusCode);

        await _app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == id)).IsEnabled = false;
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(_app, "/reports", token)).StatusCode);
    }

    [Fact]
    public async Task A_revocation_saved_by_one_node_is_refused_by_another_node_on_the_next_request()
    {
        using var shared = new SqliteWebDatabase();
        await using var first = await TestWebApp.StartAsync(new NotOwnedDatabase(shared));
        await using var second = await TestWebApp.StartAsync(new NotOwnedDatabase(shared));
        await first.WithDbAsync(db =>
        {
            db.Permissions.Add(new WebPermission { Token = "reports.view" });
            return db.SaveChangesAsync();
        });
        var id = await UserWithDirectPermissionAsync(first);
        var token = await first.IssueApiTokenAsync(id);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(first, "/reports", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(second, "/reports", token)).StatusCode);

        await RevokeDirectAsync(first, id);

        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(second, "/reports", token)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(first, "/reports", token)).StatusCode);
    }

    [Fact]
    public async Task An_entry_is_never_found_under_another_session_key()
    {
        using var cache = new KegPermissionCache(Options.Create(new KegPermissionCacheOptions()));
        var loads = 0;
        Task<IReadOnlySet<string>> Load(string token)
        {
            loads++;
            return Task.FromResult<IReadOnlySet<string>>(new HashSet<string> { token });
        }

        var before = await cache.GetOrLoadAsync(typeof(WebUser), "1", "session-a", "reports.view", Load);
        var again = await cache.GetOrLoadAsync(typeof(WebUser), "1", "session-a", "ignored", Load);
        var after = await cache.GetOrLoadAsync(typeof(WebUser), "1", "session-b", "reports.export", Load);
        var otherUser = await cache.GetOrLoadAsync(typeof(WebUser), "2", "session-b", "nothing", Load);

        Assert.Equal(["reports.view"], again);
        Assert.Same(before, again);
        Assert.Equal(["reports.export"], after);
        Assert.Equal(["nothing"], otherUser);
        Assert.Equal(3, loads);
    }

    [Fact]
    public async Task The_cache_holds_at_most_its_size_limit_however_many_sessions_it_sees()
    {
        using var cache = new KegPermissionCache(Options.Create(new KegPermissionCacheOptions { SizeLimit = 50 }));
        IReadOnlySet<string> none = new HashSet<string>();

        for (var user = 0; user < 5_000; user++)
        {
            _ = await cache.GetOrLoadAsync(typeof(WebUser), user.ToString(System.Globalization.CultureInfo.InvariantCulture), Guid.NewGuid().ToString(), none, Task.FromResult);
            Assert.InRange(cache.Count, 0, 50);
        }
    }

    [Fact]
    public async Task Switched_off_the_cache_loads_every_time()
    {
        using var cache = new KegPermissionCache(Options.Create(new KegPermissionCacheOptions { Enabled = false }));
        var loads = 0;

        for (var i = 0; i < 3; i++)
        {
            _ = await cache.GetOrLoadAsync(typeof(WebUser), "1", "session-a", 0, _ =>
            {
                loads++;
                return Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());
            });
        }

        Assert.Equal(3, loads);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task The_app_wires_one_cache_per_node()
    {
        var id = await UserWithDirectPermissionAsync(_app);
        var token = await _app.IssueApiTokenAsync(id);
        var cache = _app.Services.GetRequiredService<KegPermissionCache>();

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(_app, "/reports", token)).StatusCode);

        Assert.Equal(1, cache.Count);
        Assert.Same(cache, _app.Services.GetRequiredService<KegPermissionCache>());
    }

    [Fact]
    public async Task The_user_a_scheme_read_untracked_is_tracked_when_the_app_asks_for_it()
    {
        var id = await UserWithDirectPermissionAsync(_app);
        var token = await _app.IssueApiTokenAsync(id);
        using var browser = _app.Browser();
        await TestWebApp.LoginAsync(browser, "ada@example.com", TestWebApp.Password);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/me/disable");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var answer = await (await _app.Client().SendAsync(request)).Content.ReadFromJsonAsync<StateAnswer>();

        Assert.Equal("Unchanged", answer!.State);
        Assert.NotNull(await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisabledUtc).SingleAsync()));

        // Disabling resets nothing by itself, but the cookie session's next check finds the user inactive.
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/reports")).StatusCode);
    }

    private static async Task<int> UserWithDirectPermissionAsync(TestWebApp app)
    {
        var id = await app.AddUserAsync("ada@example.com");
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.Permissions.Add(await db.Permissions.SingleAsync(p => p.Token == "reports.view"));
            return await db.SaveChangesAsync();
        });
        return id;
    }

    private static Task<int> RevokeDirectAsync(TestWebApp app, int id) => app.WithDbAsync(async db =>
    {
        var user = await db.Users.Include(u => u.Permissions).SingleAsync(u => u.Id == id);
        user.Permissions.Clear();
        return await db.SaveChangesAsync();
    });

    private static async Task<HttpResponseMessage> GetAsync(TestWebApp app, string path, string apiToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        return await app.Client().SendAsync(request);
    }

    private sealed record StateAnswer(string State);

    /// <summary>Another node's view of a database the test owns: the node does not drop it when it stops.</summary>
    private sealed class NotOwnedDatabase(WebDatabase inner) : WebDatabase
    {
        public override void UseProvider(DbContextOptionsBuilder builder) => inner.UseProvider(builder);

        protected override void Dispose(bool disposing)
        {
        }
    }
}
