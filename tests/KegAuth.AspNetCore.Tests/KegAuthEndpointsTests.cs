using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>MapKegAuthEndpoints over HTTP, route by route and status by status (edge.md), on SQLite and PostgreSQL.</summary>
public abstract class KegAuthEndpointsTests(Func<WebDatabase> database) : IAsyncLifetime
{
    private const string Ada = "ada@example.com";
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync(database());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Login_answers_the_login_id_and_sets_the_cookie()
    {
        await _app.AddUserAsync(Ada);
        using var browser = _app.Browser();

        var login = await browser.PostAsJsonAsync("/api/auth/login", new { loginId = "ADA@example.com", password = TestWebApp.Password });
        var me = await browser.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(Ada, (await Json(login)).GetProperty("loginId").GetString());
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await Json(me);
        Assert.Equal(Ada, body.GetProperty("loginId").GetString());
        Assert.False(body.GetProperty("isSuperuser").GetBoolean());
        Assert.Equal(0, body.GetProperty("permissions").GetArrayLength());
    }

    [Fact]
    public async Task Wrong_password_and_unknown_user_get_one_problem()
    {
        await _app.AddUserAsync(Ada);
        using var client = _app.Client();

        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = "wrong" });
        var unknown = await client.PostAsJsonAsync("/api/auth/login", new { loginId = "nobody@example.com", password = "wrong" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        Assert.Equal("invalid-credentials", await Code(wrong));
        Assert.Equal(await wrong.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Inactive_is_told_only_with_the_right_password()
    {
        await _app.AddUserAsync(Ada, user => user.IsEnabled = false);
        using var client = _app.Client();

        var right = await client.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = TestWebApp.Password });
        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = "wrong" });

        Assert.Equal((HttpStatusCode.Forbidden, "inactive"), (right.StatusCode, await Code(right)));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid-credentials"), (wrong.StatusCode, await Code(wrong)));
    }

    [Fact]
    public async Task A_lockout_answers_429_with_Retry_After()
    {
        await _app.AddUserAsync(Ada);
        using var client = _app.Client();
        for (var i = 0; i < TestWebApp.LoginLimit; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = "wrong" });
        }

        var locked = await client.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = TestWebApp.Password });

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal("locked-out", await Code(locked));
        Assert.Equal(TestWebApp.LockoutPeriod, locked.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Forgot_is_202_for_everyone_then_reset_works_once()
    {
        var id = await _app.AddUserAsync(Ada);
        using var client = _app.Client();

        var known = await client.PostAsJsonAsync("/api/auth/forgot-password", new { loginId = Ada });
        var unknown = await client.PostAsJsonAsync("/api/auth/forgot-password", new { loginId = "nobody@example.com" });
        var message = Assert.Single(await _app.SentResetsAsync());
        var reset = await client.PostAsJsonAsync("/api/auth/reset-password", new { userKey = message.UserKey, token = message.Token, newPassword = "a brand new passphrase" });
        var again = await client.PostAsJsonAsync("/api/auth/reset-password", new { userKey = message.UserKey, token = message.Token, newPassword = "another passphrase" });
        var login = await client.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), message.UserKey);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal((HttpStatusCode.BadRequest, "invalid-token"), (again.StatusCode, await Code(again)));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task Forgot_locks_an_unknown_id_out_with_Retry_After()
    {
        using var client = _app.Client();
        for (var i = 0; i < TestWebApp.LoginLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/forgot-password", new { loginId = "nobody@example.com" })).StatusCode);
        }

        var locked = await client.PostAsJsonAsync("/api/auth/forgot-password", new { loginId = "nobody@example.com" });

        Assert.Equal((HttpStatusCode.TooManyRequests, "locked-out"), (locked.StatusCode, await Code(locked)));
        Assert.NotNull(locked.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task A_rejected_new_password_is_a_password_policy_problem()
    {
        var id = await _app.AddUserAsync(Ada);
        var token = await _app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Id == id).TokenGenerate(_app.Options)));
        using var client = _app.Client();

        var response = await client.PostAsJsonAsync("/api/auth/reset-password", new { userKey = id.ToString(System.Globalization.CultureInfo.InvariantCulture), token, newPassword = string.Empty });

        Assert.Equal((HttpStatusCode.BadRequest, "password-policy"), (response.StatusCode, await Code(response)));
        Assert.True((await Json(response)).GetProperty("problems").GetArrayLength() > 0);
    }

    [Fact]
    public async Task Change_password_keeps_this_session_and_ends_the_others()
    {
        await _app.AddUserAsync(Ada);
        using var laptop = _app.Browser();
        using var phone = _app.Browser();
        await laptop.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = TestWebApp.Password });
        await phone.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = TestWebApp.Password });

        var change = await laptop.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = TestWebApp.Password, newPassword = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/auth/me")).StatusCode);
        using var fresh = _app.Client();
        Assert.Equal(HttpStatusCode.OK, (await fresh.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = "a brand new passphrase" })).StatusCode);
    }

    [Fact]
    public async Task A_wrong_current_password_counts_as_a_failed_login()
    {
        await _app.AddUserAsync(Ada);
        using var browser = _app.Browser();
        await browser.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = TestWebApp.Password });

        HttpResponseMessage last = null!;
        for (var i = 0; i <= TestWebApp.LoginLimit; i++)
        {
            last = await browser.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = "guess " + i, newPassword = "a brand new passphrase" });
            if (i < TestWebApp.LoginLimit)
            {
                Assert.Equal((HttpStatusCode.Unauthorized, "invalid-credentials"), (last.StatusCode, await Code(last)));
            }
        }

        Assert.Equal((HttpStatusCode.TooManyRequests, "locked-out"), (last.StatusCode, await Code(last)));
        var failures = await _app.WithDbAsync(db => db.Attempts.CountAsync(a => a.AttemptType == AttemptType.Login && !a.Success && !a.IsDuringLockout));
        Assert.Equal(TestWebApp.LoginLimit, failures);
    }

    [Fact]
    public async Task Logout_everywhere_ends_every_session()
    {
        await _app.AddUserAsync(Ada);
        using var laptop = _app.Browser();
        using var phone = _app.Browser();
        await laptop.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = TestWebApp.Password });
        await phone.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = TestWebApp.Password });

        var everywhere = await laptop.PostAsync("/api/auth/logout-everywhere", JsonContent.Create(new { }));
        var logout = await phone.PostAsync("/api/auth/logout", JsonContent.Create(new { }));

        Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task An_api_token_is_issued_once_works_and_is_revoked()
    {
        await _app.AddUserAsync(Ada);
        using var browser = _app.Browser();
        await browser.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = TestWebApp.Password });

        var issued = await browser.PostAsync("/api/auth/api-token", JsonContent.Create(new { }));
        var token = (await Json(issued)).GetProperty("token").GetString();
        using var api = _app.Client();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var withToken = await api.GetAsync("/api/auth/me");
        var revoked = await browser.DeleteAsync("/api/auth/api-token");
        var afterRevoke = await api.GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
    }

    [Fact]
    public async Task A_cross_site_form_post_is_refused_on_every_state_changing_route()
    {
        await _app.AddUserAsync(Ada);
        using var browser = _app.Browser();
        await browser.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = TestWebApp.Password });

        foreach (var route in new[] { "login", "logout", "logout-everywhere", "forgot-password", "reset-password", "change-password", "api-token", "verify-account", "resend-verification" })
        {
            // Routes that bind a JSON body refuse a form before anything runs (415); the others by the filter.
            var response = await browser.PostAsync("/api/auth/" + route, new FormUrlEncodedContent([new("loginId", Ada)]));
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.UnsupportedMediaType });
            if (response.StatusCode == HttpStatusCode.Forbidden)
            {
                Assert.Equal("cross-site-request", await Code(response));
            }

            using var fromElsewhere = new HttpRequestMessage(HttpMethod.Post, "/api/auth/" + route) { Content = JsonContent.Create(new { loginId = Ada }) };
            fromElsewhere.Headers.Add("Sec-Fetch-Site", "cross-site");
            var json = await browser.SendAsync(fromElsewhere);
            Assert.Equal((HttpStatusCode.Forbidden, "cross-site-request"), (json.StatusCode, await Code(json)));
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/auth/me")).StatusCode);
        using var deleteElsewhere = new HttpRequestMessage(HttpMethod.Delete, "/api/auth/api-token");
        deleteElsewhere.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(deleteElsewhere)).StatusCode);
    }

    [Fact]
    public void Every_route_has_a_name_and_summary_for_OpenAPI()
    {
        var names = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(endpoint => endpoint is RouteEndpoint route && route.RoutePattern.RawText!.StartsWith("/api/auth", StringComparison.Ordinal))
            .Select(endpoint => endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName)
            .ToList();

        Assert.Equal(
            [
                "KegAuthChangePassword", "KegAuthForgotPassword", "KegAuthIssueApiToken", "KegAuthLogin", "KegAuthLoginSecondFactor", "KegAuthLogout", "KegAuthLogoutEverywhere", "KegAuthMe",
                "KegAuthResendVerification", "KegAuthResetPassword", "KegAuthRevokeApiToken", "KegAuthTotpBegin", "KegAuthTotpConfirm", "KegAuthTotpDisable", "KegAuthTotpRecoveryCodes", "KegAuthTotpState", "KegAuthVerifyAccount",
            ],
            names.Order(StringComparer.Ordinal));
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<string?> Code(HttpResponseMessage response) => (await Json(response)).GetProperty("code").GetString();
}

/// <summary><see cref="KegAuthEndpointsTests"/> on SQLite.</summary>
public sealed class KegAuthEndpointsTestsOnSqlite() : KegAuthEndpointsTests(() => new SqliteWebDatabase());

/// <summary><see cref="KegAuthEndpointsTests"/> on PostgreSQL.</summary>
[Collection(PostgresWebCollection.Name)]
public sealed class KegAuthEndpointsTestsOnPostgres(PostgresWebFixture postgres) : KegAuthEndpointsTests(postgres.NewDatabase);
