using System.Net;
using System.Net.Http.Json;
using KegAuth.AspNetCore.Tests.Databases;
using Xunit;
using static KegAuth.AspNetCore.Tests.TotpTestSupport;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// The code step attacked: cross-site posts, hostile input (huge, NUL, non-ASCII digits), login-id case
/// variants, and each sealed cookie offered in the other's place. Every answer is a clean refusal, never
/// a 500; on SQLite and PostgreSQL (which cannot even compare a NUL).
/// </summary>
public abstract class TotpAttackTests(Func<WebDatabase> database) : IAsyncLifetime
{
    private const string Ada = "ada@example.com";
    private TestWebApp _app = null!;
    private TotpEnrolment _totp = null!;

    public async Task InitializeAsync()
    {
        _app = await TestWebApp.StartAsync(database(), configure: options => options.Lockout.Login.Limit = 20);
        _totp = await _app.EnrolTotpAsync(await _app.AddUserAsync(Ada));
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_cross_site_form_or_fetch_to_the_code_step_is_refused()
    {
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);
        var code = _app.CodeAt(_totp.Secret);

        var form = await browser.PostAsync("/api/auth/login/second-factor", new FormUrlEncodedContent([new("code", code)]));
        using var fetch = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login/second-factor") { Content = JsonContent.Create(new { code }) };
        fetch.Headers.Add("Sec-Fetch-Site", "cross-site");
        var crossSite = await browser.SendAsync(fetch);

        // A form never reaches the handler: the JSON body cannot bind (415), before any filter runs.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal((HttpStatusCode.Forbidden, "cross-site-request"), (crossSite.StatusCode, await ProblemCode(crossSite)));
        Assert.Equal(HttpStatusCode.OK, (await browser.SecondFactorAsync(code)).StatusCode);

        // Signed in now: another origin still cannot turn the authenticator off or make new codes.
        using var disable = new HttpRequestMessage(HttpMethod.Post, "/api/auth/totp/disable") { Content = JsonContent.Create(new { password = TestWebApp.Password }) };
        disable.Headers.Add("Origin", "https://evil.example");
        var foreignOrigin = await browser.SendAsync(disable);
        Assert.Equal((HttpStatusCode.Forbidden, "cross-site-request"), (foreignOrigin.StatusCode, await ProblemCode(foreignOrigin)));
        Assert.True((await JsonOf(await browser.GetAsync("/api/auth/totp"))).GetProperty("enabled").GetBoolean());
    }

    [Theory]
    [InlineData("huge")]
    [InlineData("nul")]
    [InlineData("arabic-digits")]
    [InlineData("fullwidth-digits")]
    [InlineData("seven-digits")]
    [InlineData("empty")]
    [InlineData("null")]
    [InlineData("recovery-with-nul")]
    public async Task Hostile_codes_are_refused_as_invalid_codes(string kind)
    {
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);
        var right = _app.CodeAt(_totp.Secret);
        string? code = kind switch
        {
            "huge" => new string('1', 100_000),
            "nul" => right[..3] + "\0" + right[3..],
            "arabic-digits" => string.Concat(right.Select(c => (char)('\u0660' + (c - '0')))),
            "fullwidth-digits" => string.Concat(right.Select(c => (char)('\uFF10' + (c - '0')))),
            "seven-digits" => right + "0",
            "empty" => "",
            "null" => null,
            _ => _totp.RecoveryCodes[0] + "\0",
        };

        var response = await browser.SecondFactorAsync(code);

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid-code"), (response.StatusCode, await ProblemCode(response)));
        Assert.Equal(HttpStatusCode.OK, (await browser.SecondFactorAsync(right)).StatusCode);
    }

    [Fact]
    public async Task Case_variants_of_the_login_id_reach_one_user_and_one_count()
    {
        using var browser = _app.Browser();

        var upper = await browser.PasswordStepAsync("ADA@EXAMPLE.COM");
        var code = await browser.SecondFactorAsync(_app.CodeAt(_totp.Secret));
        var keys = await _app.WithDbAsync(async db => (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Attempts.Select(a => a.UserInput))).Distinct().ToList());

        Assert.Equal(HttpStatusCode.Accepted, upper.StatusCode);
        Assert.Equal(HttpStatusCode.OK, code.StatusCode);
        Assert.Equal([Ada], keys);
    }

    [Fact]
    public async Task The_device_cookie_and_the_pending_cookie_do_not_pass_for_each_other()
    {
        using var client = _app.Client();
        var pending = SetCookie(await client.PasswordStepAsync(Ada), PendingCookie)!;
        using var complete = WithCookies(HttpMethod.Post, "/api/auth/login/second-factor", new { code = _app.CodeAt(_totp.Secret), rememberDevice = true }, (PendingCookie, pending));
        var device = SetCookie(await client.SendAsync(complete), DeviceCookie)!;
        _app.Clock.Advance(KegTotp.Period);

        using var deviceAsPending = WithCookies(HttpMethod.Post, "/api/auth/login/second-factor", new { code = _app.CodeAt(_totp.Secret) }, (PendingCookie, device));
        var refused = await client.SendAsync(deviceAsPending);
        using var pendingAsDevice = WithCookies(HttpMethod.Post, "/api/auth/login", new { loginId = Ada, password = TestWebApp.Password }, (DeviceCookie, pending));
        var notSkipped = await client.SendAsync(pendingAsDevice);
        using var deviceAsSession = WithCookies(HttpMethod.Get, "/api/auth/me", null, (SessionCookie, device));
        var noSession = await client.SendAsync(deviceAsSession);
        using var genuine = WithCookies(HttpMethod.Post, "/api/auth/login", new { loginId = Ada, password = TestWebApp.Password }, (DeviceCookie, device));
        var skipped = await client.SendAsync(genuine);

        Assert.Equal((HttpStatusCode.Unauthorized, "no-pending-sign-in"), (refused.StatusCode, await ProblemCode(refused)));
        Assert.Equal(HttpStatusCode.Accepted, notSkipped.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noSession.StatusCode);
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
    }

    [Fact]
    public async Task A_remembered_device_does_not_skip_a_wrong_password()
    {
        using var browser = _app.Browser();
        await browser.PasswordStepAsync(Ada);
        await browser.SecondFactorAsync(_app.CodeAt(_totp.Secret), rememberDevice: true);
        await browser.PostAsJsonAsync("/api/auth/logout", new { });

        var wrong = await browser.PasswordStepAsync(Ada, "not the password");

        Assert.Equal((HttpStatusCode.Unauthorized, "invalid-credentials"), (wrong.StatusCode, await ProblemCode(wrong)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/auth/me")).StatusCode);
    }
}

/// <summary><see cref="TotpAttackTests"/> on SQLite.</summary>
public sealed class TotpAttackTestsOnSqlite() : TotpAttackTests(() => new SqliteWebDatabase());

/// <summary><see cref="TotpAttackTests"/> on PostgreSQL.</summary>
[Collection(PostgresWebCollection.Name)]
public sealed class TotpAttackTestsOnPostgres(PostgresWebFixture postgres) : TotpAttackTests(postgres.NewDatabase);
