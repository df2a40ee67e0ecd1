using System.Net;
using System.Net.Http.Json;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// keg-auth's verify-account and create_user over HTTP, on SQLite and PostgreSQL: new users start
/// unverified, a verification link sets the password and verifies, forgot-password works for them too.
/// </summary>
public abstract class AccountVerificationTests(Func<WebDatabase> database) : IAsyncLifetime
{
    private const string Ada = "ada@example.com";
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync(database(), endpoints: KegAuthEndpoint.All | KegAuthEndpoint.Register);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_created_user_verifies_through_the_mailed_link_once()
    {
        var created = await CreateAsync(Ada);
        var message = Assert.Single(await _app.SentResetsAsync());
        using var client = _app.Client();

        var before = await client.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = "chosen passphrase 1" });
        var verify = await client.PostAsJsonAsync("/api/auth/verify-account", new { userKey = message.UserKey, token = message.Token, newPassword = "chosen passphrase 1" });
        var again = await client.PostAsJsonAsync("/api/auth/verify-account", new { userKey = message.UserKey, token = message.Token, newPassword = "chosen passphrase 2" });
        var after = await client.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = "chosen passphrase 1" });

        Assert.Equal(KegMailKind.VerifyAccount, message.Kind);
        Assert.Equal(created.VerificationUrl, message.Url);
        Assert.StartsWith(TestWebApp.PublicBaseUrl.AbsoluteUri + "auth/verify-account?userKey=", message.Url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.True((await _app.WithDbAsync(db => db.Users.SingleAsync())).IsVerified);
    }

    [Fact]
    public async Task Creation_without_mail_sends_nothing_but_returns_the_link()
    {
        var created = await CreateAsync(Ada, sendMail: false);

        Assert.Empty(await _app.SentResetsAsync());
        Assert.Contains("token=", created.VerificationUrl.Query, StringComparison.Ordinal);
        Assert.DoesNotContain("token", created.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forgot_password_works_for_an_unverified_user_and_completing_it_verifies()
    {
        await _app.AddUserAsync(Ada, user => user.IsVerified = false);
        using var client = _app.Client();

        await client.PostAsJsonAsync("/api/auth/forgot-password", new { loginId = Ada });
        var message = Assert.Single(await _app.SentResetsAsync());
        var reset = await client.PostAsJsonAsync("/api/auth/reset-password", new { userKey = message.UserKey, token = message.Token, newPassword = "a brand new passphrase" });

        Assert.Equal(KegMailKind.ResetPassword, message.Kind);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.True((await _app.WithDbAsync(db => db.Users.SingleAsync())).IsVerified);
    }

    [Fact]
    public async Task A_disabled_user_gets_no_mail_of_either_kind()
    {
        await _app.AddUserAsync(Ada, user => (user.IsEnabled, user.IsVerified) = (false, false));
        using var client = _app.Client();

        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/forgot-password", new { loginId = Ada })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/auth/resend-verification", new { loginId = Ada })).StatusCode);

        Assert.Empty(await _app.SentResetsAsync());
    }

    [Fact]
    public async Task Resend_mails_only_an_unverified_account_and_answers_the_same_for_all()
    {
        await _app.AddUserAsync(Ada, user => user.IsVerified = false);
        await _app.AddUserAsync("verified@example.com");
        using var client = _app.Client();

        var unverified = await client.PostAsJsonAsync("/api/auth/resend-verification", new { loginId = "ADA@example.com" });
        var verified = await client.PostAsJsonAsync("/api/auth/resend-verification", new { loginId = "verified@example.com" });
        var unknown = await client.PostAsJsonAsync("/api/auth/resend-verification", new { loginId = "nobody@example.com" });

        Assert.All([unverified, verified, unknown], response => Assert.Equal(HttpStatusCode.Accepted, response.StatusCode));
        var message = Assert.Single(await _app.SentResetsAsync());
        Assert.Equal((KegMailKind.VerifyAccount, Ada), (message.Kind, message.User.Email));
    }

    [Fact]
    public async Task Resend_is_limited_as_forgot_is()
    {
        using var client = _app.Client();
        for (var i = 0; i < TestWebApp.LoginLimit; i++)
        {
            await client.PostAsJsonAsync("/api/auth/resend-verification", new { loginId = "nobody@example.com" });
        }

        var locked = await client.PostAsJsonAsync("/api/auth/resend-verification", new { loginId = "nobody@example.com" });

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);
    }

    [Fact]
    public async Task Register_creates_an_unverified_user_and_mails_the_link()
    {
        using var client = _app.Client();

        var created = await client.PostAsJsonAsync("/api/auth/register", new { loginId = "New@Example.com", password = "a fine passphrase" });
        var taken = await client.PostAsJsonAsync("/api/auth/register", new { loginId = "new@example.COM", password = "a fine passphrase" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        var user = await _app.WithDbAsync(db => db.Users.SingleAsync());
        Assert.Equal(("new@example.com", false), (user.Email, user.IsVerified));
        var message = Assert.Single(await _app.SentResetsAsync());
        Assert.Equal(KegMailKind.VerifyAccount, message.Kind);
    }

    [Fact]
    public async Task Parallel_registrations_of_one_email_in_several_casings_create_one_user()
    {
        var casings = new[] { "race@example.com", "RACE@example.com", "Race@Example.com", "race@EXAMPLE.com", "rAcE@example.com", "race@example.COM" };

        var statuses = await Task.WhenAll(casings.Select(async email =>
        {
            using var client = _app.Client();
            return (await client.PostAsJsonAsync("/api/auth/register", new { loginId = email, password = "a fine passphrase" })).StatusCode;
        }));

        Assert.Equal(1, statuses.Count(status => status == HttpStatusCode.Created));
        Assert.All(statuses.Where(status => status != HttpStatusCode.Created), status => Assert.Equal(HttpStatusCode.Conflict, status));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [InlineData(" ada@example.com", "a fine passphrase", "invalid-login-id")]
    [InlineData("ada@example.com\n", "a fine passphrase", "invalid-login-id")]
    [InlineData("", "a fine passphrase", "invalid-login-id")]
    [InlineData("ada@example.com", "", "password-policy")]
    public async Task Register_refuses_bad_input_with_a_problem(string loginId, string password, string code)
    {
        using var client = _app.Client();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { loginId, password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"code\":\"{code}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Users.CountAsync()));
    }

    private async Task<KegCreatedUser<WebUser>> CreateAsync(string email, bool sendMail = true)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IKegUserCreation<WebUser>>().CreateUserAsync(new WebUser { Email = email }, sendMail);
    }
}

/// <summary><see cref="AccountVerificationTests"/> on SQLite.</summary>
public sealed class AccountVerificationTestsOnSqlite() : AccountVerificationTests(() => new SqliteWebDatabase());

/// <summary><see cref="AccountVerificationTests"/> on PostgreSQL.</summary>
[Collection(PostgresWebCollection.Name)]
public sealed class AccountVerificationTestsOnPostgres(PostgresWebFixture postgres) : AccountVerificationTests(postgres.NewDatabase);

/// <summary>Registration is off unless the app names it.</summary>
public sealed class RegistrationOffByDefaultTests : IAsyncLifetime
{
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Register_is_not_mapped_by_default()
    {
        using var client = _app.Client();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { loginId = "new@example.com", password = "a fine passphrase" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
