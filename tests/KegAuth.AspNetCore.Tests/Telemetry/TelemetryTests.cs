using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using KegAuth.AspNetCore.Tests.Databases;
using KegAuth.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Telemetry;

/// <summary>
/// Issue 18 items 1-4: every KegAuth instrument, span and log event, driven through real HTTP requests
/// against the test host, on SQLite and PostgreSQL. Each test reads only its own app's meter (its
/// meter factory) and its own trace (a traceparent the requests carry).
/// </summary>
public abstract class TelemetryTests(Func<WebDatabase> database) : IAsyncLifetime
{
    private const string Ada = "ada@example.com";
    private const string Bob = "bob@example.com";
    private const string NewPassword = "a brand new passphrase";

    private readonly CapturedLog _log = new();
    private TestWebApp _app = null!;
    private TelemetryCapture _capture = null!;

    /// <summary>Whether the provider reports its own spans (Npgsql does; Microsoft.Data.Sqlite does not).</summary>
    protected abstract bool HasDatabaseSpans { get; }

    public async Task InitializeAsync()
    {
        _app = await TestWebApp.StartAsync(database(), log: _log);
        _capture = new TelemetryCapture(_app.Services);
    }

    public async Task DisposeAsync()
    {
        _capture.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public void Every_instrument_exists_once_the_host_has_started()
    {
        // Created with the options at start-up, before anything was recorded or anyone asked.
        Assert.Equal(
            [
                "kegauth.api_token.authentications", "kegauth.api_token.duration", "kegauth.lockouts", "kegauth.password_changes",
                "kegauth.password_reset.attempts", "kegauth.password_reset.requests", "kegauth.permission.checks", "kegauth.permission.resolutions",
                "kegauth.session.cache.lookups", "kegauth.session.revocations", "kegauth.session.validations", "kegauth.sign_in.attempts", "kegauth.sign_in.duration",
            ],
            _capture.Published.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Sign_in_is_counted_timed_traced_and_logged_by_result()
    {
        await _app.AddUserAsync(Ada);
        await _app.AddUserAsync(Bob, user => user.IsEnabled = false);
        using var client = _capture.Traced(_app.Client());

        for (var i = 0; i < TestWebApp.LoginLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, Ada, "wrong")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await LoginAsync(client, Ada, TestWebApp.Password)).StatusCode);
        _app.Clock.Advance(TestWebApp.LockoutPeriod + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, Ada, TestWebApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await LoginAsync(client, Bob, TestWebApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await LoginAsync(client, "nobody@example.com", TestWebApp.Password)).StatusCode);

        var expected = new Dictionary<string, double> { ["failed"] = 4, ["locked_out"] = 1, ["succeeded"] = 1, ["inactive"] = 1 };
        Assert.Equal(expected, _capture.SumBy("kegauth.sign_in.attempts", "result"));
        var durations = _capture.Of("kegauth.sign_in.duration");
        Assert.Equal(7, durations.Count);
        Assert.All(durations, d => Assert.InRange(d.Value, 1e-7, 60));
        Assert.Equal(expected, _capture.SumBy("kegauth.sign_in.duration", "result").ToDictionary(p => p.Key, p => (double)durations.Count(d => d.Tag("result") == p.Key)));
        Assert.Equal(new Dictionary<string, double> { ["login"] = 1 }, _capture.SumBy("kegauth.lockouts", "attempt_type"));

        var spans = _capture.SpansNamed("kegauth.sign_in");
        Assert.Equal(expected, spans.GroupBy(s => (string)s.GetTagItem("kegauth.result")!).ToDictionary(g => g.Key, g => (double)g.Count()));
        AssertUnderRequests(spans);
        if (HasDatabaseSpans)
        {
            // The provider's own spans (the attempt insert, the user query) nest under the sign-in.
            Assert.All(spans, span => Assert.Contains(_capture.Spans, child => child.Source.Name == "Npgsql" && child.ParentSpanId == span.SpanId));
        }

        var events = Events("KegAuth.AspNetCore.SignIn");
        Assert.Equal(4, events.Count(e => e.EventId.Id == 1201 && e.Level == LogLevel.Information));
        Assert.Single(events, e => e.EventId.Id == 1201 && e.Message.Contains("unknown login id", StringComparison.Ordinal));
        Assert.Single(events, e => e.EventId is { Id: 1205, Name: "LockoutStarted" } && e.Level == LogLevel.Warning);
        Assert.Single(events, e => e.EventId.Id == 1202 && e.Level == LogLevel.Warning);
        Assert.Single(events, e => e.EventId.Id == 1203 && e.Level == LogLevel.Information);
        Assert.Single(events, e => e.EventId.Id == 1204 && e.Level == LogLevel.Debug);

        // One fingerprint follows Ada through her six events; Bob's differs.
        var adas = events.Where(e => e.EventId.Id is 1202 or 1204 or 1205 || (e.EventId.Id == 1201 && e.Message.Contains("wrong password", StringComparison.Ordinal)))
            .Select(Fingerprint).Distinct().ToList();
        Assert.Single(adas);
        Assert.NotEqual(adas[0], Fingerprint(Assert.Single(events, e => e.EventId.Id == 1203)));
    }

    [Fact]
    public async Task Change_password_is_counted_by_result_and_its_session_key_reset_is_traced()
    {
        await _app.AddUserAsync(Ada);
        using var browser = _capture.Traced(_app.Browser());
        await LoginAsync(browser, Ada, TestWebApp.Password);

        var wrong = await browser.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = "wrong", newPassword = NewPassword });
        var right = await browser.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = TestWebApp.Password, newPassword = NewPassword });

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.NoContent), (wrong.StatusCode, right.StatusCode));
        Assert.Equal(new Dictionary<string, double> { ["invalid_credentials"] = 1, ["succeeded"] = 1 }, _capture.SumBy("kegauth.password_changes", "result"));
        Assert.Equal(new Dictionary<string, double> { ["rights_changed"] = 1 }, _capture.SumBy("kegauth.session.revocations", "reason"));
        var change = Assert.Single(_capture.SpansNamed("kegauth.change_password"), s => (string?)s.GetTagItem("kegauth.result") == "succeeded");
        var reset = Assert.Single(_capture.SpansNamed("kegauth.session_key.reset"));
        Assert.Equal(change.SpanId, reset.ParentSpanId);
        Assert.Equal(1, reset.GetTagItem("kegauth.session_key.resets"));
        Assert.Single(Events("KegAuth.AspNetCore.SignIn"), e => e.EventId.Id == 1206 && e.Message.Contains("wrong current password", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Api_token_checks_are_counted_timed_traced_and_logged_by_result()
    {
        var adaToken = await _app.IssueApiTokenAsync(await _app.AddUserAsync(Ada));
        var bobToken = await _app.IssueApiTokenAsync(await _app.AddUserAsync(Bob, user => user.DisabledUtc = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        using var client = _capture.Traced(_app.Client());

        var statuses = new List<HttpStatusCode>();
        foreach (var token in new[] { adaToken, KegApiTokens.Format(Ada, WebUser.GenerateRawAuthToken()), "not a token", KegApiTokens.Format("nobody@example.com", WebUser.GenerateRawAuthToken()), bobToken })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
            request.Headers.Add("X-Auth-Token", token);
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, .. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4)], statuses);
        var expected = new Dictionary<string, double> { ["succeeded"] = 1, ["mismatched"] = 1, ["malformed"] = 1, ["unknown"] = 1, ["inactive"] = 1 };
        Assert.Equal(expected, _capture.SumBy("kegauth.api_token.authentications", "result"));
        Assert.Equal(5, _capture.Of("kegauth.api_token.duration").Count);
        var spans = _capture.SpansNamed("kegauth.api_token.authenticate");
        Assert.Equal(expected, spans.GroupBy(s => (string)s.GetTagItem("kegauth.result")!).ToDictionary(g => g.Key, g => (double)g.Count()));
        AssertUnderRequests(spans);
        Assert.Equal(3, _log.Entries.Count(e => e.EventId.Id == 1301));

        // An account has one fingerprint in every area: Ada's wrong token and her wrong password line up.
        await LoginAsync(client, Ada, "wrong");
        var wrongToken = Assert.Single(_log.Entries, e => e.EventId.Id == 1301 && e.Message.Contains("wrong token", StringComparison.Ordinal));
        var wrongPassword = Assert.Single(_log.Entries, e => e.EventId.Id == 1201);
        Assert.Equal(Fingerprint(wrongPassword), Fingerprint(wrongToken));
        Assert.Matches("^[0-9a-f]{12}$", Fingerprint(wrongToken));
    }

    [Fact]
    public async Task Permission_checks_and_resolutions_are_counted_and_traced_and_a_denial_is_logged()
    {
        await _app.WithDbAsync(db =>
        {
            db.Permissions.Add(new WebPermission { Token = "reports.view" });
            return db.SaveChangesAsync();
        });
        var adaToken = await _app.IssueApiTokenAsync(await _app.AddUserAsync(Ada));
        var bobToken = await _app.IssueApiTokenAsync(await _app.AddUserAsync(Bob));
        await _app.WithDbAsync(async db =>
        {
            var ada = await db.Users.SingleAsync(u => u.Email == Ada);
            ada.Permissions.Add(await db.Permissions.SingleAsync());
            return await db.SaveChangesAsync();
        });
        using var client = _capture.Traced(_app.Client());

        var granted = await GetAsync(client, "/reports", adaToken);
        var denied = await GetAsync(client, "/reports", bobToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (granted.StatusCode, denied.StatusCode));
        Assert.Equal(new Dictionary<string, double> { ["granted"] = 1, ["denied"] = 1 }, _capture.SumBy("kegauth.permission.checks", "result"));
        Assert.Equal(new Dictionary<string, double> { ["user"] = 2 }, _capture.SumBy("kegauth.permission.resolutions", "holder"));
        var resolutions = _capture.SpansNamed("kegauth.permissions.resolve");
        Assert.Equal([0, 1], resolutions.Select(s => (int)s.GetTagItem("kegauth.permission.count")!).Order());
        AssertUnderRequests(resolutions);
        var denial = Assert.Single(Events("KegAuth.AspNetCore.Permissions"));
        Assert.Equal((1501, LogLevel.Debug), (denial.EventId.Id, denial.Level));
        Assert.Contains("permission not held; needs all of reports.view", denial.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Password_reset_and_verification_are_counted_traced_and_logged()
    {
        await _app.AddUserAsync(Ada);
        await _app.AddUserAsync(Bob, user => user.IsVerified = false);
        using var client = _capture.Traced(_app.Client());

        await client.PostAsJsonAsync("/api/auth/forgot-password", new { loginId = Ada });
        await client.PostAsJsonAsync("/api/auth/resend-verification", new { loginId = Bob });
        var messages = await _app.SentResetsAsync();
        var reset = Assert.Single(messages, m => m.Kind == KegMailKind.ResetPassword);
        var verify = Assert.Single(messages, m => m.Kind == KegMailKind.VerifyAccount);
        var refused = await client.PostAsJsonAsync("/api/auth/reset-password", new { userKey = reset.UserKey, token = reset.Token + "x", newPassword = NewPassword });
        var done = await client.PostAsJsonAsync("/api/auth/reset-password", new { userKey = reset.UserKey, token = reset.Token, newPassword = NewPassword });
        var verified = await client.PostAsJsonAsync("/api/auth/verify-account", new { userKey = verify.UserKey, token = verify.Token, newPassword = NewPassword });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK), (refused.StatusCode, done.StatusCode, verified.StatusCode));
        Assert.Equal(
            ["reset_password/accepted", "verify_account/accepted"],
            _capture.Of("kegauth.password_reset.requests").Select(m => $"{m.Tag("kind")}/{m.Tag("result")}").Order(StringComparer.Ordinal));
        Assert.Equal(
            ["reset_password/invalid_token", "reset_password/succeeded", "verify_account/succeeded"],
            _capture.Of("kegauth.password_reset.attempts").Select(m => $"{m.Tag("kind")}/{m.Tag("result")}").Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, double> { ["rights_changed"] = 2 }, _capture.SumBy("kegauth.session.revocations", "reason"));

        Assert.Equal(2, _capture.SpansNamed("kegauth.password_reset.request").Count);
        var attempts = _capture.SpansNamed("kegauth.password_reset");
        Assert.Equal(3, attempts.Count);
        AssertUnderRequests(attempts);

        // Each spent token's save reset one session key, in a span under its reset.
        var keyResets = _capture.SpansNamed("kegauth.session_key.reset");
        Assert.Equal(2, keyResets.Count);
        Assert.All(keyResets, k => Assert.Contains(attempts, a => a.SpanId == k.ParentSpanId && (string?)a.GetTagItem("kegauth.result") == "succeeded"));

        var events = Events("KegAuth.AspNetCore.PasswordReset");
        Assert.Single(events, e => e.EventId.Id == 1104 && e.Level == LogLevel.Information);
        Assert.Equal(["reset_password", "verify_account"], events.Where(e => e.EventId.Id == 1105).Select(e => e.Message.Split(' ')[1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_reset_lockout_is_counted_and_logged_when_it_starts_and_when_it_refuses()
    {
        var id = await _app.AddUserAsync(Ada);
        using var client = _capture.Traced(_app.Client());

        for (var i = 0; i <= TestWebApp.LoginLimit; i++)
        {
            await client.PostAsJsonAsync("/api/auth/reset-password", new { userKey = id.ToString(System.Globalization.CultureInfo.InvariantCulture), token = "forged", newPassword = NewPassword });
        }

        Assert.Equal(new Dictionary<string, double> { ["reset"] = 1 }, _capture.SumBy("kegauth.lockouts", "attempt_type"));
        Assert.Equal(new Dictionary<string, double> { ["invalid_token"] = 3, ["locked_out"] = 1 }, _capture.SumBy("kegauth.password_reset.attempts", "result"));
        var events = Events("KegAuth.AspNetCore.PasswordReset");
        Assert.Single(events, e => e.EventId.Id == 1107 && e.Level == LogLevel.Warning);
        Assert.Single(events, e => e.EventId.Id == 1106 && e.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task Session_checks_and_revocations_are_counted_and_an_ended_session_logged()
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        await _app.AddUserAsync(Ada);
        await _app.AddUserAsync(Bob, user => user.DisabledUtc = now.AddHours(1));
        using var first = _capture.Traced(_app.Browser());
        using var second = _capture.Traced(_app.Browser());
        using var bob = _capture.Traced(_app.Browser());
        await LoginAsync(first, Ada, TestWebApp.Password);
        await LoginAsync(second, Ada, TestWebApp.Password);
        await LoginAsync(bob, Bob, TestWebApp.Password);

        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await first.PostAsync("/api/auth/logout-everywhere", JsonContent.Create(new { }))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/auth/me")).StatusCode);
        _app.Clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bob.GetAsync("/api/auth/me")).StatusCode);

        Assert.Equal(new Dictionary<string, double> { ["valid"] = 2, ["revoked"] = 1, ["inactive"] = 1 }, _capture.SumBy("kegauth.session.validations", "result"));
        Assert.Equal(new Dictionary<string, double> { ["sign_out_everywhere"] = 1 }, _capture.SumBy("kegauth.session.revocations", "reason"));
        Assert.Single(Events("KegAuth.AspNetCore.SignIn"), e => e.EventId.Id == 1207);
        var ended = Events("KegAuth.AspNetCore.Sessions");
        Assert.Equal(["session key reset", "user not active"], ended.Where(e => e.EventId.Id == 1401).Select(e => e.Message.Split('(', ')')[1]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Nothing_reported_gives_away_a_login_id_password_token_hash_or_key()
    {
        // Every flow once, then every log message, span tag and metric tag is searched for each secret.
        var id = await _app.AddUserAsync(Ada);
        var apiToken = await _app.IssueApiTokenAsync(id);
        using var browser = _capture.Traced(_app.Browser());
        using var client = _capture.Traced(_app.Client());
        await LoginAsync(client, Ada, "wrong guess 1");
        await LoginAsync(browser, Ada, TestWebApp.Password);
        await browser.GetAsync("/api/auth/me");
        await browser.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = "wrong guess 2", newPassword = NewPassword });
        await GetAsync(client, "/api/auth/me", apiToken);
        await GetAsync(client, "/api/auth/me", KegApiTokens.Format(Ada, "wrong-raw-token-0123456789"));
        await client.PostAsJsonAsync("/api/auth/forgot-password", new { loginId = Ada });
        var message = Assert.Single(await _app.SentResetsAsync());
        await client.PostAsJsonAsync("/api/auth/reset-password", new { userKey = message.UserKey, token = message.Token + "x", newPassword = NewPassword });
        await client.PostAsJsonAsync("/api/auth/reset-password", new { userKey = message.UserKey, token = message.Token, newPassword = NewPassword });
        await browser.GetAsync("/api/auth/me");
        var user = await _app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync());

        var secrets = new List<string>
        {
            Ada, "ada@", TestWebApp.Password, NewPassword, "wrong guess", "wrong-raw-token", apiToken, message.Token, TestWebApp.SecretKey,
            user.Password!.Hash, user.SessionKey, user.Token!.Hash,
        };
        secrets.AddRange(apiToken.Split('.'));
        var reported = _log.Entries.Select(e => e.Message)
            .Concat(_capture.Spans.SelectMany(s => s.TagObjects.Select(t => $"{t.Key}={t.Value}")))
            .Concat(_capture.Spans.Select(s => s.DisplayName))
            .Concat(_capture.Measurements.SelectMany(m => m.Tags.Select(t => $"{t.Key}={t.Value}")))
            .ToList();

        Assert.NotEmpty(_log.Entries);
        Assert.NotEmpty(_capture.SpansNamed("kegauth.password_reset"));
        foreach (var text in reported)
        {
            Assert.DoesNotContain(secrets, secret => text.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string loginId, string password)
        => client.PostAsJsonAsync("/api/auth/login", new { loginId, password });

    private static async Task<HttpResponseMessage> GetAsync(HttpClient client, string path, string apiToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Auth-Token", apiToken);
        return await client.SendAsync(request);
    }

    private static string Fingerprint(CapturedLog.LogEntry entry)
        => System.Text.RegularExpressions.Regex.Match(entry.Message, "login id ([0-9a-f]{12})").Groups[1].Value;

    private List<CapturedLog.LogEntry> Events(string category) => [.. _log.Entries.Where(e => e.Category == category)];

    /// <summary>Each span is a child of ASP.NET Core's span for its request, in the test's trace.</summary>
    private void AssertUnderRequests(IReadOnlyList<Activity> spans)
    {
        Assert.NotEmpty(spans);
        var requests = _capture.Spans.Where(s => s.Source.Name == "Microsoft.AspNetCore").ToDictionary(s => s.SpanId);
        Assert.All(spans, span =>
        {
            var parent = span;
            while (parent is not null && parent.Source.Name != "Microsoft.AspNetCore")
            {
                parent = parent.Parent;
            }

            Assert.NotNull(parent);
            Assert.True(requests.ContainsKey(parent.SpanId), span.OperationName);
        });
    }
}

public sealed class TelemetryTestsOnSqlite() : TelemetryTests(() => new SqliteWebDatabase())
{
    protected override bool HasDatabaseSpans => false;
}

[Collection(PostgresWebCollection.Name)]
public sealed class TelemetryTestsOnPostgres(PostgresWebFixture postgres) : TelemetryTests(postgres.NewDatabase)
{
    protected override bool HasDatabaseSpans => true;
}
