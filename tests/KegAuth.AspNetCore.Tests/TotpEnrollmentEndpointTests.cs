using System.Net;
using System.Net.Http.Json;
using KegAuth.AspNetCore.Tests.Databases;
using KegAuth.AspNetCore.Tests.Telemetry;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static KegAuth.AspNetCore.Tests.TotpTestSupport;

namespace KegAuth.AspNetCore.Tests;

/// <summary>The signed-in user's authenticator over HTTP (<c>/api/auth/totp</c>): set-up, confirm, recovery codes, disable; on SQLite and PostgreSQL.</summary>
public abstract class TotpEnrollmentEndpointTests(Func<WebDatabase> database) : IAsyncLifetime
{
    private const string Ada = "ada@example.com";
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync(database());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Set_up_shows_the_secret_uri_and_qr_code_then_a_code_turns_it_on_with_recovery_codes()
    {
        var id = await _app.AddUserAsync(Ada);
        using var browser = await SignedInAsync();

        var begin = await browser.PostAsJsonAsync("/api/auth/totp/begin", new { });
        var body = await JsonOf(begin);
        var secretText = body.GetProperty("secret").GetString()!;
        Assert.True(KegTotp.TryDecodeSecret(secretText, out var secret));
        var pendingState = await JsonOf(await browser.GetAsync("/api/auth/totp"));
        var wrong = await browser.PostAsJsonAsync("/api/auth/totp/confirm", new { code = "12345x" });
        var confirm = await browser.PostAsJsonAsync("/api/auth/totp/confirm", new { code = _app.CodeAt(secret) });
        var state = await JsonOf(await browser.GetAsync("/api/auth/totp"));
        var beginAgain = await browser.PostAsJsonAsync("/api/auth/totp/begin", new { });

        Assert.Equal(HttpStatusCode.OK, begin.StatusCode);
        Assert.Equal(KegTotp.SecretBytes, secret.Length);
        Assert.StartsWith("otpauth://totp/", body.GetProperty("otpAuthUri").GetString(), StringComparison.Ordinal);
        Assert.Contains("secret=" + secretText, body.GetProperty("otpAuthUri").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("<svg", body.GetProperty("qrCodeSvg").GetString()!.TrimStart(), StringComparison.Ordinal);
        Assert.True(pendingState.GetProperty("pending").GetBoolean());
        Assert.False(pendingState.GetProperty("enabled").GetBoolean());
        Assert.Equal((HttpStatusCode.BadRequest, "invalid-code"), (wrong.StatusCode, await ProblemCode(wrong)));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Equal(KegRecoveryCodes.DefaultCount, (await JsonOf(confirm)).GetProperty("recoveryCodes").GetArrayLength());
        Assert.True(state.GetProperty("enabled").GetBoolean());
        Assert.Equal(KegRecoveryCodes.DefaultCount, state.GetProperty("recoveryCodesLeft").GetInt32());
        Assert.Equal((HttpStatusCode.Conflict, "totp-enabled"), (beginAgain.StatusCode, await ProblemCode(beginAgain)));

        // Stored sealed, never as the base32 text.
        var stored = await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.TotpSecret).SingleAsync());
        Assert.DoesNotContain(secretText, stored!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Turning_it_on_ends_other_sessions_but_keeps_this_one_and_the_next_sign_in_asks_for_a_code()
    {
        await _app.AddUserAsync(Ada);
        using var browser = await SignedInAsync();
        using var other = await SignedInAsync();

        var secret = await EnrolOverHttpAsync(browser);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await other.PasswordStepAsync(Ada)).StatusCode);
        _app.Clock.Advance(KegTotp.Period);
        Assert.Equal(HttpStatusCode.OK, (await other.SecondFactorAsync(_app.CodeAt(secret))).StatusCode);
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones()
    {
        await _app.AddUserAsync(Ada);
        using var browser = await SignedInAsync();
        var before = await browser.PostAsJsonAsync("/api/auth/totp/recovery-codes", new { });
        await EnrolOverHttpAsync(browser);
        var first = await JsonOf(await browser.PostAsJsonAsync("/api/auth/totp/recovery-codes", new { }));
        var second = await JsonOf(await browser.PostAsJsonAsync("/api/auth/totp/recovery-codes", new { }));
        var oldCode = first.GetProperty("recoveryCodes")[0].GetString();
        var newCode = second.GetProperty("recoveryCodes")[0].GetString();
        using var signIn = _app.Browser();

        await signIn.PasswordStepAsync(Ada);
        var old = await signIn.SecondFactorAsync(oldCode);
        var fresh = await signIn.SecondFactorAsync(newCode);

        Assert.Equal((HttpStatusCode.Conflict, "totp-not-enabled"), (before.StatusCode, await ProblemCode(before)));
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Disabling_needs_the_password_counts_wrong_ones_and_ends_other_sessions()
    {
        await _app.AddUserAsync(Ada);
        using var browser = await SignedInAsync();
        await EnrolOverHttpAsync(browser);
        using var other = _app.Browser();
        await other.PasswordStepAsync(Ada);
        var anyCode = await _app.WithDbAsync(db => db.Users.Select(u => u.TotpRecoveryCodes).SingleAsync());
        Assert.NotNull(anyCode);

        // The other browser's password step and this wrong password are two of the three attempts allowed.
        var wrong = await browser.PostAsJsonAsync("/api/auth/totp/disable", new { password = "wrong" });
        var right = await browser.PostAsJsonAsync("/api/auth/totp/disable", new { password = TestWebApp.Password });
        var state = await JsonOf(await browser.GetAsync("/api/auth/totp"));
        var pendingEnded = await other.SecondFactorAsync("000000");

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid-credentials"), (wrong.StatusCode, await ProblemCode(wrong)));
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.False(state.GetProperty("enabled").GetBoolean());
        Assert.Equal(0, state.GetProperty("recoveryCodesLeft").GetInt32());
        Assert.Equal((HttpStatusCode.Unauthorized, "no-pending-sign-in"), (pendingEnded.StatusCode, await ProblemCode(pendingEnded)));
        Assert.Null(await _app.WithDbAsync(db => db.Users.Select(u => u.TotpSecret).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await other.PasswordStepAsync(Ada)).StatusCode);
    }

    [Fact]
    public async Task Disabling_with_a_current_code_works_and_guessing_or_sending_nothing_locks_out()
    {
        await _app.AddUserAsync(Ada);
        using var browser = await SignedInAsync();
        var secret = await EnrolOverHttpAsync(browser);
        _app.Clock.Advance(KegTotp.Period);
        var right = _app.CodeAt(secret);
        var wrong = right == "000000" ? "111111" : "000000";

        var statuses = new List<HttpStatusCode> { (await browser.PostAsJsonAsync("/api/auth/totp/disable", new { })).StatusCode };
        for (var i = 0; i < TestWebApp.LoginLimit - 1; i++)
        {
            statuses.Add((await browser.PostAsJsonAsync("/api/auth/totp/disable", new { code = wrong })).StatusCode);
        }

        var locked = await browser.PostAsJsonAsync("/api/auth/totp/disable", new { code = right });
        _app.Clock.Advance(TestWebApp.LockoutPeriod + KegTotp.Period);
        var later = await browser.PostAsJsonAsync("/api/auth/totp/disable", new { code = _app.CodeAt(secret) });

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal((HttpStatusCode.TooManyRequests, "locked-out"), (locked.StatusCode, await ProblemCode(locked)));
        Assert.NotNull(locked.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.NoContent, later.StatusCode);
    }

    [Fact]
    public async Task The_routes_need_a_signed_in_user()
    {
        using var client = _app.Client();

        var answers = new[]
        {
            await client.GetAsync("/api/auth/totp"),
            await client.PostAsJsonAsync("/api/auth/totp/begin", new { }),
            await client.PostAsJsonAsync("/api/auth/totp/confirm", new { code = "123456" }),
            await client.PostAsJsonAsync("/api/auth/totp/recovery-codes", new { }),
            await client.PostAsJsonAsync("/api/auth/totp/disable", new { password = "x" }),
        };

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode));
    }

    [Fact]
    public async Task Telemetry_counts_code_steps_by_result_and_method_without_codes_in_tags()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        using var capture = new TelemetryCapture(_app.Services);
        using var browser = capture.Traced(_app.Browser());
        var right = _app.CodeAt(totp.Secret);
        var wrong = right == "000000" ? "111111" : "000000";

        await browser.PasswordStepAsync(Ada);
        await browser.SecondFactorAsync(wrong);
        await browser.SecondFactorAsync(totp.RecoveryCodes[0]);
        await browser.SecondFactorAsync(right);

        var byResult = capture.Of("kegauth.second_factor.attempts").Select(m => (m.Tag("result"), m.Tag("method"))).ToList();
        Assert.Equal([("invalid_code", "totp"), ("succeeded", "recovery_code"), ("no_pending_sign_in", "none")], byResult);
        Assert.Equal(1, capture.SumBy("kegauth.sign_in.attempts", "result")["second_factor_required"]);
        var tagValues = capture.Measurements.SelectMany(m => m.Tags.Values).Select(v => v?.ToString() ?? "").ToList();
        Assert.DoesNotContain(tagValues, v => v.Contains(right, StringComparison.Ordinal) || v.Contains(totp.RecoveryCodes[0], StringComparison.Ordinal) || v.Contains(Ada, StringComparison.Ordinal));
        var span = Assert.Single(capture.SpansNamed("kegauth.second_factor"), s => (string?)s.GetTagItem("kegauth.result") == "succeeded");
        Assert.Equal("recovery_code", span.GetTagItem("kegauth.method"));
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var browser = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.PasswordStepAsync(Ada)).StatusCode);
        return browser;
    }

    private async Task<byte[]> EnrolOverHttpAsync(HttpClient browser)
    {
        var begin = await JsonOf(await browser.PostAsJsonAsync("/api/auth/totp/begin", new { }));
        Assert.True(KegTotp.TryDecodeSecret(begin.GetProperty("secret").GetString(), out var secret));
        Assert.Equal(HttpStatusCode.OK, (await browser.PostAsJsonAsync("/api/auth/totp/confirm", new { code = _app.CodeAt(secret) })).StatusCode);
        return secret;
    }
}

/// <summary><see cref="TotpEnrollmentEndpointTests"/> on SQLite.</summary>
public sealed class TotpEnrollmentEndpointTestsOnSqlite() : TotpEnrollmentEndpointTests(() => new SqliteWebDatabase());

/// <summary><see cref="TotpEnrollmentEndpointTests"/> on PostgreSQL.</summary>
[Collection(PostgresWebCollection.Name)]
public sealed class TotpEnrollmentEndpointTestsOnPostgres(PostgresWebFixture postgres) : TotpEnrollmentEndpointTests(postgres.NewDatabase);
