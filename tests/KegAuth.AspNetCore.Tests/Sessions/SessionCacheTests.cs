using System.Net;
using System.Net.Http.Headers;
using KegAuth.AspNetCore.Sessions;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// The node's session cache over HTTP on a SQLite file (its feed is <c>PRAGMA data_version</c>): a
/// validated session or API token is served without a database read, and every way a user row can
/// change (the app's save, <c>ExecuteUpdate</c>, raw SQL on another connection, the clock passing a
/// disabled date) ends it at the next request.
/// </summary>
public sealed class SessionCacheTests : IAsyncLifetime
{
    private const string Email = "ada@example.com";
    private readonly CapturedLog _log = new();
    private readonly SqliteWebDatabase _database = new();
    private TestWebApp _app = null!;
    private int _id;
    private string _table = null!;

    public async Task InitializeAsync()
    {
        _app = await TestWebApp.StartAsync(_database, log: _log);
        _id = await _app.AddUserAsync(Email);
        _table = await _app.WithDbAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(WebUser))!.GetTableName()!));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_cookie_session_is_read_from_the_database_once_then_served_from_memory()
    {
        using var browser = await SignedInAsync();

        var first = await QueriesDuringAsync(() => browser.GetAsync("/claims"));
        var second = await QueriesDuringAsync(() => browser.GetAsync("/claims"));
        var third = await QueriesDuringAsync(() => browser.GetAsync("/claims"));

        Assert.Equal((HttpStatusCode.OK, 1), first);
        Assert.Equal((HttpStatusCode.OK, 0), second);
        Assert.Equal((HttpStatusCode.OK, 0), third);
        Assert.Equal("sqlite", Cache.Feed?.Name);
    }

    [Fact]
    public async Task A_session_key_reset_by_raw_sql_on_another_connection_ends_the_cached_session_at_the_next_request()
    {
        using var browser = await SignedInAsync();
        await WarmAsync(browser);

        await RawSqlAsync($"UPDATE {Table} SET {Column(nameof(WebUser.SessionKey))} = 'reset-elsewhere' WHERE {Column(nameof(WebUser.Id))} = {_id}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/claims")).StatusCode);
    }

    [Fact]
    public async Task A_user_disabled_by_ExecuteUpdate_is_refused_at_the_next_request()
    {
        using var browser = await SignedInAsync();
        await WarmAsync(browser);

        await _app.WithDbAsync(db => db.Users.Where(u => u.Id == _id).ExecuteUpdateAsync(set => set.SetProperty(u => u.IsEnabled, false)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/claims")).StatusCode);
    }

    [Fact]
    public async Task A_user_deleted_by_raw_sql_is_refused_at_the_next_request()
    {
        using var browser = await SignedInAsync();
        await WarmAsync(browser);

        await RawSqlAsync($"DELETE FROM {Table} WHERE {Column(nameof(WebUser.Id))} = {_id}");

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/claims")).StatusCode);
    }

    [Fact]
    public async Task A_cached_session_ends_when_the_clock_passes_the_users_disabled_date_with_no_write_at_all()
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        await _app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == _id)).DisabledUtc = now.AddHours(1);
            return await db.SaveChangesAsync();
        });
        using var browser = await SignedInAsync();
        await WarmAsync(browser);

        _app.Clock.Advance(TimeSpan.FromHours(2));
        var (status, queries) = await QueriesDuringAsync(() => browser.GetAsync("/claims"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(0, queries);
    }

    [Fact]
    public async Task Signing_out_everywhere_through_the_app_ends_a_cached_session_of_another_browser_at_its_next_request()
    {
        using var other = await SignedInAsync();
        await WarmAsync(other);
        using var browser = await SignedInAsync();

        // The app's own save: its count and the file's feed both move.
        await _app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == _id)).ResetSessionKey();
            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/claims")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/claims")).StatusCode);
    }

    [Fact]
    public async Task The_apps_current_user_is_its_own_tracked_instance_not_the_caches()
    {
        using var browser = await SignedInAsync();
        await WarmAsync(browser);

        // /me/disable changes the user IKegCurrentUser returns and saves it: the cached instance must stay untouched and be dropped.
        var disable = await browser.PostAsync("/me/disable", null);
        var after = await browser.GetAsync("/claims");

        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);
        Assert.Contains("Unchanged", await disable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task An_api_token_is_checked_against_the_cached_user_and_its_revocation_by_raw_sql_ends_it()
    {
        var token = await _app.IssueApiTokenAsync(_id);
        using var client = _app.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var first = await QueriesDuringAsync(() => client.GetAsync("/claims"));
        var second = await QueriesDuringAsync(() => client.GetAsync("/claims"));
        await RawSqlAsync($"UPDATE {Table} SET {Column(nameof(WebUser.Token))} = NULL WHERE {Column(nameof(WebUser.Id))} = {_id}");
        var revoked = await client.GetAsync("/claims");

        Assert.Equal((HttpStatusCode.OK, 1), first);
        Assert.Equal((HttpStatusCode.OK, 0), second);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
    }

    [Fact]
    public async Task A_token_sent_with_its_login_id_in_another_case_is_cached_apart_and_ends_with_the_same_revocation()
    {
        var token = await _app.IssueApiTokenAsync(_id);
        Assert.True(KegAuth.Infrastructure.KegApiTokens.TryParse(token, out var loginId, out var raw));
        var shouted = KegAuth.Infrastructure.KegApiTokens.Format(loginId.ToUpperInvariant(), raw);
        using var lower = _app.Client();
        lower.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var upper = _app.Client();
        upper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", shouted);
        await lower.GetAsync("/claims");
        await upper.GetAsync("/claims");
        var (upperStatus, upperQueries) = await QueriesDuringAsync(() => upper.GetAsync("/claims"));

        await RawSqlAsync($"UPDATE {Table} SET {Column(nameof(WebUser.Token))} = NULL WHERE {Column(nameof(WebUser.Id))} = {_id}");

        // An email login id matches in any case (the column's converter): each spelling is its own entry, and one write ends both.
        Assert.Equal((HttpStatusCode.OK, 0), (upperStatus, upperQueries));
        Assert.Equal(HttpStatusCode.Unauthorized, (await lower.GetAsync("/claims")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await upper.GetAsync("/claims")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_token_for_a_cached_login_id_takes_the_database_way_and_fails()
    {
        var token = await _app.IssueApiTokenAsync(_id);
        using var good = _app.Client();
        good.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        await good.GetAsync("/claims");
        Assert.Equal((HttpStatusCode.OK, 0), await QueriesDuringAsync(() => good.GetAsync("/claims")));

        // Same login id, last character changed: the cached user does not take it, so no shortcut (and no timing tell).
        var wrong = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');
        using var attacker = _app.Client();
        attacker.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", wrong);
        var (status, queries) = await QueriesDuringAsync(() => attacker.GetAsync("/claims"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(queries >= 1, "a failed token must read the database like an uncached one");
    }

    [Fact]
    public async Task Requests_racing_a_raw_sql_revocation_are_all_refused_once_it_has_committed()
    {
        using var browser = await SignedInAsync();
        await WarmAsync(browser);
        using var stop = new CancellationTokenSource();

        // Readers keep missing and refilling the cache while the write lands; none may store the old row after it.
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await browser.GetAsync("/claims");
            }
        })).ToList();
        await Task.Delay(50);
        await RawSqlAsync($"UPDATE {Table} SET {Column(nameof(WebUser.IsEnabled))} = 0 WHERE {Column(nameof(WebUser.Id))} = {_id}");
        var after = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => browser.GetAsync("/claims")));
        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.All(after, response => Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode));
    }

    [Fact]
    public async Task Another_users_sign_in_does_not_empty_the_cache_of_this_process()
    {
        // A feed that never moves: only this process's own count could empty the cache here.
        Cache.UseFeed(new ControlledUserChangeFeed());
        await _app.AddUserAsync("bob@example.com");
        using var browser = await SignedInAsync();
        await WarmAsync(browser);

        // The sign-in writes Bob's last sign-in time (and an attempt), which no cached decision reads.
        using var bob = _app.Client();
        Assert.Equal(HttpStatusCode.OK, (await TestWebApp.LoginAsync(bob, "bob@example.com", TestWebApp.Password)).StatusCode);
        var after = await QueriesDuringAsync(() => browser.GetAsync("/claims"));

        // Disabling Bob through the app is a user write: counted, so the cache empties.
        await _app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Email == "bob@example.com")).IsEnabled = false;
            return await db.SaveChangesAsync();
        });
        var afterDisable = await QueriesDuringAsync(() => browser.GetAsync("/claims"));

        Assert.Equal((HttpStatusCode.OK, 0), after);
        Assert.Equal((HttpStatusCode.OK, 1), afterDisable);
    }

    [Fact]
    public async Task A_grant_written_behind_ef_cores_back_is_read_again_although_the_cached_user_instance_is_shared()
    {
        // No permission cache: every check reads the tokens; the cached user must not answer from its own token cache.
        await using var app = await TestWebApp.StartAsync(
            new SqliteWebDatabase(),
            configureKegAuth: kegAuth => kegAuth.Services.Configure<KegPermissionCacheOptions>(options => options.Enabled = false));
        var id = await app.AddUserAsync(Email);
        var permission = await app.WithDbAsync(async db =>
        {
            var row = new WebPermission { Token = "reports.view" };
            db.Permissions.Add(row);
            await db.SaveChangesAsync();
            return row.Id;
        });
        var (table, userColumn, permissionColumn, connectionString) = await app.WithDbAsync(db =>
        {
            var join = db.Model.FindEntityType(typeof(WebUser))!.FindSkipNavigation(nameof(WebUser.Permissions))!.JoinEntityType;
            var columns = join.GetForeignKeys().ToDictionary(fk => fk.PrincipalEntityType.ClrType, fk => fk.Properties[0].GetColumnName());
            return Task.FromResult((join.GetTableName()!, columns[typeof(WebUser)], columns[typeof(WebPermission)], db.Database.GetConnectionString()!));
        });
        var cache = app.Services.GetRequiredService<KegSessionCache<WebContext, WebUser>>();
        cache.UseFeed(new ControlledUserChangeFeed());
        using var browser = app.Browser();
        await TestWebApp.LoginAsync(browser, Email, TestWebApp.Password);
        var denied = await browser.GetAsync("/reports");

        // Raw SQL on the mapping table: no user row changes, so the session cache keeps its user.
        await using (var connection = new SqliteConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"INSERT INTO \"{table}\" (\"{userColumn}\", \"{permissionColumn}\") VALUES ({id}, {permission})";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var granted = await browser.GetAsync("/reports");

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Equal(HttpStatusCode.OK, granted.StatusCode);
    }

    [Fact]
    public async Task With_the_cache_off_every_request_reads_the_database()
    {
        await using var app = await TestWebApp.StartAsync(
            new SqliteWebDatabase(),
            configureKegAuth: kegAuth => kegAuth.Services.Configure<KegSessionCacheOptions>(options => options.Enabled = false),
            log: _log);
        await app.AddUserAsync(Email);
        using var browser = app.Browser();
        await TestWebApp.LoginAsync(browser, Email, TestWebApp.Password);
        await browser.GetAsync("/claims");

        var again = await QueriesDuringAsync(() => browser.GetAsync("/claims"));

        Assert.Equal((HttpStatusCode.OK, 1), again);
    }

    private KegSessionCache<WebContext, WebUser> Cache => _app.Services.GetRequiredService<KegSessionCache<WebContext, WebUser>>();

    private string Table => _table;

    /// <summary>The test model's columns are named after its properties (no naming convention).</summary>
    private static string Column(string property) => property;

    /// <summary>
    /// A client holding one signed-in session's cookie and sending it on every request: unlike a
    /// browser it keeps sending it after a refusal clears it, so each assertion is about the session.
    /// </summary>
    private async Task<HttpClient> SignedInAsync()
    {
        using var login = _app.Client();
        var response = await TestWebApp.LoginAsync(login, Email, TestWebApp.Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Select(header => header.Split(';')[0]).Single(pair => pair.StartsWith(".AspNetCore.", StringComparison.Ordinal) || pair.Contains("KegAuth", StringComparison.OrdinalIgnoreCase));
        var client = _app.Client();
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return client;
    }

    private static async Task WarmAsync(HttpClient browser)
    {
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/claims")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/claims")).StatusCode);
    }

    /// <summary>The response status and how many commands the app's contexts executed meanwhile (EF's CommandExecuted events).</summary>
    private async Task<(HttpStatusCode Status, int Queries)> QueriesDuringAsync(Func<Task<HttpResponseMessage>> request)
    {
        var before = Executed();
        var response = await request();
        return (response.StatusCode, Executed() - before);
    }

    private int Executed() => _log.Entries.Count(entry => entry.EventId.Id == 20101);

    /// <summary>Runs SQL on a connection of its own, as another process or Python keg-auth would.</summary>
    private async Task RawSqlAsync(string sql)
    {
        var connectionString = await _app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
