using System.Net;
using System.Net.Http.Json;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static KegAuth.AspNetCore.Tests.TotpTestSupport;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// Two-step sign-in over HTTP (issue 20): the password step answers 202 second-factor-required with a
/// pending cookie only, the code step completes it once per code, on the app's fake clock, on SQLite
/// and PostgreSQL.
/// </summary>
public abstract class TotpSignInTests(Func<WebDatabase> database) : IAsyncLifetime
{
    private const string Ada = "ada@example.com";
    private const string Bob = "bob@example.com";
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync(database());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_password_step_answers_202_with_a_pending_cookie_and_no_session()
    {
        var id = await _app.AddUserAsync(Ada);
        await _app.EnrolTotpAsync(id);
        using var browser = _app.Browser();

        var login = await browser.PasswordStepAsync(Ada);
        var me = await browser.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        var body = await JsonOf(login);
        Assert.Equal("second-factor-required", body.GetProperty("status").GetString());
        Assert.Equal(["totp", "recovery-code"], body.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(300, body.GetProperty("expiresInSeconds").GetInt32());
        Assert.NotNull(SetCookie(login, PendingCookie));
        Assert.Null(SetCookie(login, SessionCookie));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Null(await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.LastLoginUtc).SingleAsync()));
    }

    [Fact]
    public async Task A_right_code_completes_the_sign_in_with_the_remember_me_choice_and_ends_the_pending_cookie()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada, remember: true);

        var code = await browser.SecondFactorAsync(_app.CodeAt(totp.Secret));
        var me = await browser.GetAsync("/api/auth/me");
        var again = await browser.SecondFactorAsync(_app.CodeAt(totp.Secret, 1));

        Assert.Equal(HttpStatusCode.OK, code.StatusCode);
        Assert.Equal(Ada, (await JsonOf(code)).GetProperty("loginId").GetString());
        Assert.Contains("expires=", code.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "no-pending-sign-in"), (again.StatusCode, await ProblemCode(again)));
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.LastLoginUtc).SingleAsync()));
    }

    [Fact]
    public async Task A_wrong_code_is_401_invalid_code_and_the_user_may_try_again()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);
        var right = _app.CodeAt(totp.Secret);
        var wrong = right == "000000" ? "111111" : "000000";

        var refused = await browser.SecondFactorAsync(wrong);
        var me = await browser.GetAsync("/api/auth/me");
        var accepted = await browser.SecondFactorAsync(right);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid-code"), (refused.StatusCode, await ProblemCode(refused)));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task A_code_is_accepted_once_a_replay_in_a_later_sign_in_is_refused()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        var code = _app.CodeAt(totp.Secret);
        using var first = _app.Browser();
        using var second = _app.Browser();
        await first.PasswordStepAsync(Ada);
        var used = await first.SecondFactorAsync(code);

        await second.PasswordStepAsync(Ada);
        var replayed = await second.SecondFactorAsync(code);

        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid-code"), (replayed.StatusCode, await ProblemCode(replayed)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_pending_cookie_completes_one_sign_in_a_captured_copy_is_refused_after_it()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        using var client = _app.Client();
        var pending = SetCookie(await client.PasswordStepAsync(Ada), PendingCookie)!;
        using var owner = WithCookies(HttpMethod.Post, "/api/auth/login/second-factor", new { code = _app.CodeAt(totp.Secret) }, (PendingCookie, pending));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(owner)).StatusCode);
        _app.Clock.Advance(KegTotp.Period);

        // Whoever copied the cookie before it was used, and later sees a code, gets nothing from it.
        using var copy = WithCookies(HttpMethod.Post, "/api/auth/login/second-factor", new { code = _app.CodeAt(totp.Secret) }, (PendingCookie, pending));
        var response = await client.SendAsync(copy);

        Assert.Equal((HttpStatusCode.Unauthorized, "no-pending-sign-in"), (response.StatusCode, await ProblemCode(response)));
    }

    [Theory]
    [InlineData(-1, true)]
    [InlineData(1, true)]
    [InlineData(-2, false)]
    [InlineData(2, false)]
    public async Task Clock_skew_of_one_step_is_accepted_and_two_refused(int steps, bool accepted)
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);

        // Two more steps on, so the step before is newer than the confirming code's.
        _app.Clock.Advance(KegTotp.Period * 2);
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);

        var response = await browser.SecondFactorAsync(_app.CodeAt(totp.Secret, steps));

        Assert.Equal(accepted ? HttpStatusCode.OK : HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_recovery_code_works_once_in_any_case_and_spacing_and_its_reuse_is_refused()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        var recovery = totp.RecoveryCodes[0];
        using var first = _app.Browser();
        using var second = _app.Browser();
        await first.PasswordStepAsync(Ada);
        var used = await first.SecondFactorAsync(" " + recovery.ToUpperInvariant().Replace('-', ' ') + " ");

        await second.PasswordStepAsync(Ada);
        var reused = await second.SecondFactorAsync(recovery);
        var another = await second.SecondFactorAsync(totp.RecoveryCodes[1]);

        Assert.Equal(HttpStatusCode.OK, used.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid-code"), (reused.StatusCode, await ProblemCode(reused)));
        Assert.Equal(HttpStatusCode.OK, another.StatusCode);
        Assert.Equal(KegRecoveryCodes.DefaultCount - 2, await _app.WithDbAsync(async db => (await db.Users.SingleAsync(u => u.Id == id)).RecoveryCodesLeft));
    }

    [Fact]
    public async Task Guessing_codes_locks_out_as_login_attempts_of_the_user_with_Retry_After()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);
        var right = _app.CodeAt(totp.Secret);
        var wrong = right == "000000" ? "111111" : "000000";

        // The password step counts as an unfinished login: it and two wrong codes reach the limit of 3.
        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < TestWebApp.LoginLimit - 1; i++)
        {
            guesses.Add((await browser.SecondFactorAsync(wrong)).StatusCode);
        }

        var locked = await browser.SecondFactorAsync(right);
        var password = await browser.PasswordStepAsync(Ada);

        Assert.All(guesses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal((HttpStatusCode.TooManyRequests, "locked-out"), (locked.StatusCode, await ProblemCode(locked)));
        Assert.Equal(TestWebApp.LockoutPeriod, locked.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.TooManyRequests, password.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);

        // Stored as keg-auth's login attempts of the user: a keg-auth database needs no new enum value.
        var attempts = await _app.WithDbAsync(db => db.Attempts.Select(a => new { a.UserInput, a.AttemptType, a.Success }).ToListAsync());
        Assert.All(attempts, a => Assert.Equal((Ada, AttemptType.Login, false), (a.UserInput, a.AttemptType, a.Success)));
        Assert.Equal(TestWebApp.LoginLimit + 2, attempts.Count);
    }

    [Fact]
    public async Task A_right_password_between_code_guesses_does_not_restart_the_count()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        using var browser = _app.Browser();
        var right = _app.CodeAt(totp.Secret);
        var wrong = right == "000000" ? "111111" : "000000";

        // Were a right password a successful login, this cycle would guess forever.
        await browser.PasswordStepAsync(Ada);
        await browser.SecondFactorAsync(wrong);
        var passwordAgain = await browser.PasswordStepAsync(Ada);
        var locked = await browser.SecondFactorAsync(right);

        Assert.Equal(HttpStatusCode.Accepted, passwordAgain.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    [Fact]
    public async Task Completed_two_step_sign_ins_from_one_address_do_not_lock_the_address_out()
    {
        // The password step is stored unfinished; were it left so, every completed sign-in would count
        // against the address's counter, which no success restarts: an office behind one NAT locks out.
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        using var browser = _app.Browser();
        browser.DefaultRequestHeaders.Add(TestWebApp.ClientIpHeader, "203.0.113.7");

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < TestWebApp.LoginLimit + 1; i++)
        {
            await browser.PasswordStepAsync(Ada);
            answers.Add((await browser.SecondFactorAsync(_app.CodeAt(totp.Secret))).StatusCode);
            await browser.PostAsJsonAsync("/api/auth/logout", new { });
            _app.Clock.Advance(KegTotp.Period);
        }

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.All(await _app.WithDbAsync(db => db.Attempts.Select(a => a.Success).ToListAsync()), Assert.True);
    }

    [Fact]
    public async Task A_completed_sign_in_restarts_the_count()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        using var browser = _app.Browser();
        var wrong = _app.CodeAt(totp.Secret) == "000000" ? "111111" : "000000";
        await browser.PasswordStepAsync(Ada);
        await browser.SecondFactorAsync(wrong);
        Assert.Equal(HttpStatusCode.OK, (await browser.SecondFactorAsync(_app.CodeAt(totp.Secret))).StatusCode);
        await browser.PostAsJsonAsync("/api/auth/logout", new { });
        _app.Clock.Advance(KegTotp.Period);

        var login = await browser.PasswordStepAsync(Ada);
        var guess = await browser.SecondFactorAsync(wrong);
        var code = await browser.SecondFactorAsync(_app.CodeAt(totp.Secret));

        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        Assert.Equal(HttpStatusCode.OK, code.StatusCode);
    }

    [Fact]
    public async Task An_expired_pending_sign_in_is_refused()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);

        _app.Clock.Advance(KegSecondFactorOptions.DefaultPendingSignInLifetime + TimeSpan.FromSeconds(1));
        var late = await browser.SecondFactorAsync(_app.CodeAt(totp.Secret));

        Assert.Equal((HttpStatusCode.Unauthorized, "no-pending-sign-in"), (late.StatusCode, await ProblemCode(late)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_tampered_or_foreign_pending_cookie_is_refused()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        using var client = _app.Client();
        var pending = SetCookie(await client.PasswordStepAsync(Ada), PendingCookie)!;
        var flipped = pending[..10] + (pending[10] == 'A' ? 'B' : 'A') + pending[11..];
        var code = _app.CodeAt(totp.Secret);

        var answers = new List<(HttpStatusCode, string?)>();
        foreach (var value in new[] { flipped, pending[..^4], "not-a-cookie", new string('A', 5000) })
        {
            using var request = WithCookies(HttpMethod.Post, "/api/auth/login/second-factor", new { code }, (PendingCookie, value));
            var response = await client.SendAsync(request);
            answers.Add((response.StatusCode, await ProblemCode(response)));
        }

        Assert.All(answers, answer => Assert.Equal((HttpStatusCode.Unauthorized, "no-pending-sign-in"), answer));
        using var genuine = WithCookies(HttpMethod.Post, "/api/auth/login/second-factor", new { code }, (PendingCookie, pending));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(genuine)).StatusCode);
    }

    [Fact]
    public async Task One_users_pending_sign_in_does_not_take_another_users_code()
    {
        var ada = await _app.AddUserAsync(Ada);
        var bob = await _app.AddUserAsync(Bob);
        var adaTotp = await _app.EnrolTotpAsync(ada);
        var bobTotp = await _app.EnrolTotpAsync(bob);
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);

        // One wrong code and the password step are two of the three attempts the limit allows.
        var bobsCode = await browser.SecondFactorAsync(_app.CodeAt(bobTotp.Secret));
        var adasCode = await browser.SecondFactorAsync(_app.CodeAt(adaTotp.Secret));

        Assert.Equal(HttpStatusCode.Unauthorized, bobsCode.StatusCode);
        Assert.Equal(HttpStatusCode.OK, adasCode.StatusCode);
        Assert.Equal(Ada, (await JsonOf(await browser.GetAsync("/api/auth/me"))).GetProperty("loginId").GetString());
    }

    [Fact]
    public async Task A_pending_sign_in_ends_when_the_session_key_changes()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);
        await _app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == id)).SetPassword("a changed passphrase", _app.Options);
            return await db.SaveChangesAsync();
        });

        var response = await browser.SecondFactorAsync(_app.CodeAt(totp.Secret));

        Assert.Equal((HttpStatusCode.Unauthorized, "no-pending-sign-in"), (response.StatusCode, await ProblemCode(response)));
    }

    [Fact]
    public async Task The_pending_cookie_opens_no_protected_endpoint_even_under_the_session_cookies_name()
    {
        var id = await _app.AddUserAsync(Ada);
        await _app.EnrolTotpAsync(id);
        using var client = _app.Client();
        var pending = SetCookie(await client.PasswordStepAsync(Ada), PendingCookie)!;

        using var asItself = WithCookies(HttpMethod.Get, "/api/auth/me", null, (PendingCookie, pending));
        using var asSession = WithCookies(HttpMethod.Get, "/api/auth/me", null, (SessionCookie, pending));
        using var token = WithCookies(HttpMethod.Post, "/api/auth/api-token", new { }, (PendingCookie, pending));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(asItself)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(asSession)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(token)).StatusCode);
    }

    [Fact]
    public async Task A_remembered_device_skips_the_code_until_the_session_key_changes()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);
        var remembered = await browser.SecondFactorAsync(_app.CodeAt(totp.Secret), rememberDevice: true);
        await browser.PostAsJsonAsync("/api/auth/logout", new { });

        var skipped = await browser.PasswordStepAsync(Ada);
        var wrongPassword = await browser.PasswordStepAsync(Ada, "wrong");
        await browser.PostAsJsonAsync("/api/auth/logout-everywhere", new { });
        var afterReset = await browser.PasswordStepAsync(Ada);

        Assert.NotNull(SetCookie(remembered, DeviceCookie));
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, afterReset.StatusCode);
    }

    [Fact]
    public async Task A_remembered_device_expires_and_does_not_skip_for_another_user()
    {
        var ada = await _app.AddUserAsync(Ada);
        var bob = await _app.AddUserAsync(Bob);
        var adaTotp = await _app.EnrolTotpAsync(ada);
        await _app.EnrolTotpAsync(bob);
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);
        await browser.SecondFactorAsync(_app.CodeAt(adaTotp.Secret), rememberDevice: true);
        await browser.PostAsJsonAsync("/api/auth/logout", new { });

        var bobLogin = await browser.PasswordStepAsync(Bob);
        _app.Clock.Advance(KegSecondFactorOptions.DefaultRememberDeviceFor + TimeSpan.FromSeconds(1));
        var adaLater = await browser.PasswordStepAsync(Ada);

        Assert.Equal(HttpStatusCode.Accepted, bobLogin.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, adaLater.StatusCode);
    }

    [Fact]
    public async Task Api_tokens_are_not_second_factor_gated()
    {
        var id = await _app.AddUserAsync(Ada);
        await _app.EnrolTotpAsync(id);
        var token = await _app.IssueApiTokenAsync(id);
        using var client = _app.Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task A_user_without_the_authenticator_signs_in_in_one_step()
    {
        await _app.AddUserAsync(Ada);
        using var browser = _app.Browser();

        var login = await browser.PasswordStepAsync(Ada);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Null(SetCookie(login, PendingCookie));
    }

    [Fact]
    public async Task CheckPasswordAsync_says_a_code_is_needed_without_handing_out_the_user()
    {
        var id = await _app.AddUserAsync(Ada);
        await _app.EnrolTotpAsync(id);
        await using var scope = _app.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<IKegSignIn<WebUser>>().CheckPasswordAsync(Ada, TestWebApp.Password);

        Assert.Equal(KegSignInStatus.SecondFactorRequired, result.Status);
        Assert.Null(result.User);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task A_user_disabled_between_the_steps_cannot_finish_and_the_code_is_not_spent()
    {
        var id = await _app.AddUserAsync(Ada);
        var totp = await _app.EnrolTotpAsync(id);
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);
        await _app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == id)).IsEnabled = false;
            return await db.SaveChangesAsync();
        });

        // Disabling resets the session key, which ends the pending sign-in.
        var response = await browser.SecondFactorAsync(totp.RecoveryCodes[0]);

        Assert.Equal((HttpStatusCode.Unauthorized, "no-pending-sign-in"), (response.StatusCode, await ProblemCode(response)));
        Assert.Equal(KegRecoveryCodes.DefaultCount, await _app.WithDbAsync(async db => (await db.Users.SingleAsync(u => u.Id == id)).RecoveryCodesLeft));
    }

    [Fact]
    public async Task A_user_whose_disabled_date_passes_between_the_steps_is_told_inactive_and_the_code_is_not_spent()
    {
        var id = await _app.AddUserAsync(Ada, user => user.DisabledUtc = DateTime.SpecifyKind(new DateTime(2030, 1, 1, 12, 1, 0), DateTimeKind.Utc));
        var totp = await _app.EnrolTotpAsync(id);
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);
        _app.Clock.Advance(TimeSpan.FromMinutes(1));

        var response = await browser.SecondFactorAsync(totp.RecoveryCodes[0]);

        Assert.Equal((HttpStatusCode.Forbidden, "inactive"), (response.StatusCode, await ProblemCode(response)));
        Assert.Equal(KegRecoveryCodes.DefaultCount, await _app.WithDbAsync(async db => (await db.Users.SingleAsync(u => u.Id == id)).RecoveryCodesLeft));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
    }
}

/// <summary><see cref="TotpSignInTests"/> on SQLite.</summary>
public sealed class TotpSignInTestsOnSqlite() : TotpSignInTests(() => new SqliteWebDatabase());

/// <summary><see cref="TotpSignInTests"/> on PostgreSQL.</summary>
[Collection(PostgresWebCollection.Name)]
public sealed class TotpSignInTestsOnPostgres(PostgresWebFixture postgres) : TotpSignInTests(postgres.NewDatabase);
