using System.Net;
using System.Net.Http.Json;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// The holes an adversarial review found at the edge (issue 13), each attacked as it was found, on
/// SQLite and PostgreSQL: case variants and the address limit at sign-in, racing guesses and resets,
/// NUL input, over-long passwords, sessions everywhere.
/// </summary>
public abstract class EdgeSecurityTests(Func<WebDatabase> database) : IAsyncLifetime
{
    private const string Victim = "victim@example.com";
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync(database(), Configure);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Case_variants_of_an_email_share_one_login_count()
    {
        await _app.AddUserAsync(Victim);
        using var client = _app.Client();

        foreach (var variant in new[] { "VICTIM@example.com", "Victim@Example.com", "victim@EXAMPLE.COM" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TestWebApp.LoginAsync(client, variant, "wrong")).StatusCode);
        }

        var rightPasswordInAnotherCase = await TestWebApp.LoginAsync(client, "VicTim@example.com", TestWebApp.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, rightPasswordInAnotherCase.StatusCode);
        var keys = await _app.WithDbAsync(db => db.Attempts.Select(a => a.UserInput).Distinct().ToListAsync());
        Assert.Equal([Victim], keys);
    }

    [Fact]
    public async Task Case_variants_of_an_unknown_email_share_one_count_too()
    {
        using var client = _app.Client();
        foreach (var variant in new[] { "Nobody@example.com", "NOBODY@example.com", "nobody@Example.com" })
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/forgot", new ForgotRequest(variant))).StatusCode);
        }

        var fourth = await client.PostAsJsonAsync("/forgot", new ForgotRequest("nObOdY@example.com"));

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
    }

    [Fact]
    public async Task Logging_into_ones_own_account_between_guesses_does_not_restart_the_victims_count()
    {
        await _app.AddUserAsync(Victim);
        await _app.AddUserAsync("attacker@example.com");
        using var client = _app.Client();
        client.DefaultRequestHeaders.Add(TestWebApp.ClientIpHeader, "10.0.0.5");

        for (var i = 0; i < TestWebApp.LoginLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TestWebApp.LoginAsync(client, Victim, "guess " + i)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await TestWebApp.LoginAsync(client, "attacker@example.com", TestWebApp.Password)).StatusCode);
        }

        var guess = await TestWebApp.LoginAsync(client, Victim, TestWebApp.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, guess.StatusCode);
    }

    [Fact]
    public async Task An_address_has_its_own_limit_across_login_ids()
    {
        await _app.AddUserAsync(Victim);
        using var attacker = _app.Client();
        attacker.DefaultRequestHeaders.Add(TestWebApp.ClientIpHeader, "10.0.0.6");
        using var elsewhere = _app.Client();
        elsewhere.DefaultRequestHeaders.Add(TestWebApp.ClientIpHeader, "10.0.0.7");

        for (var i = 0; i < AddressLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TestWebApp.LoginAsync(attacker, $"user{i}@example.com", "guess")).StatusCode);
        }

        var fromTheAddress = await TestWebApp.LoginAsync(attacker, Victim, TestWebApp.Password);
        var fromAnother = await TestWebApp.LoginAsync(elsewhere, Victim, TestWebApp.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, fromTheAddress.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fromAnother.StatusCode);
    }

    [Fact]
    public async Task Parallel_wrong_logins_check_no_more_passwords_than_the_limit()
    {
        await _app.AddUserAsync(Victim);

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            using var client = _app.Client();
            return (await TestWebApp.LoginAsync(client, Victim, "guess " + i)).StatusCode;
        }));

        Assert.Equal(TestWebApp.LoginLimit, responses.Count(status => status == HttpStatusCode.Unauthorized));
        Assert.Equal(40 - TestWebApp.LoginLimit, responses.Count(status => status == HttpStatusCode.TooManyRequests));
        var checkedAttempts = await _app.WithDbAsync(db => db.Attempts.CountAsync(a => !a.IsDuringLockout));
        Assert.Equal(TestWebApp.LoginLimit, checkedAttempts);
    }

    [Fact]
    public async Task One_reset_token_changes_the_password_once_when_requests_race()
    {
        var id = await _app.AddUserAsync(Victim);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var round = 0; round < 3; round++)
        {
            var token = await _app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Id == id).TokenGenerate(_app.Options)));

            var passwords = Enumerable.Range(0, 6).Select(i => $"round {round} password {i}").ToArray();
            var statuses = await Task.WhenAll(passwords.Select(async password =>
            {
                using var client = _app.Client();
                return (await client.PostAsJsonAsync("/reset", new ResetRequest(key, token, password))).StatusCode;
            }));

            Assert.Equal(1, statuses.Count(status => status == HttpStatusCode.OK));
            var stored = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == id));
            Assert.Single(passwords, password => stored.Password!.Verify(password));
            await _app.WithDbAsync(db => db.Attempts.ExecuteDeleteAsync());
        }
    }

    [Theory]
    [InlineData("victim\0@example.com")]
    [InlineData("\0")]
    public async Task A_NUL_in_a_login_id_is_a_plain_failure(string loginId)
    {
        await _app.AddUserAsync(Victim);
        using var client = _app.Client();

        var login = await TestWebApp.LoginAsync(client, loginId, TestWebApp.Password);
        var forgot = await client.PostAsJsonAsync("/forgot", new ForgotRequest(loginId));
        var reset = await client.PostAsJsonAsync("/reset", new ResetRequest("1\0", "token", "new password"));

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        Assert.Equal(3, await _app.WithDbAsync(db => db.Attempts.CountAsync()));
    }

    [Fact]
    public async Task A_huge_login_id_is_a_plain_failure_counted_under_its_stored_cut()
    {
        using var client = _app.Client();
        var huge = new string('a', 100_000) + "@example.com";

        var login = await TestWebApp.LoginAsync(client, huge, "guess");

        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        var stored = await _app.WithDbAsync(db => db.Attempts.SingleAsync());
        Assert.Equal(KegAttempts.MaxUserInputLength, stored.UserInput.Length);
    }

    [Fact]
    public async Task A_reset_to_a_password_over_the_bcrypt_limit_is_refused_without_spending_the_token()
    {
        _app.Options.RejectPasswordsOverBcryptLimit = true;
        var id = await _app.AddUserAsync(Victim);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var token = await _app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Id == id).TokenGenerate(_app.Options)));
        using var client = _app.Client();

        var tooLong = await client.PostAsJsonAsync("/reset", new ResetRequest(key, token, new string('x', 73)));
        var empty = await client.PostAsJsonAsync("/reset", new ResetRequest(key, token, string.Empty));
        var good = await client.PostAsJsonAsync("/reset", new ResetRequest(key, token, "a fine new passphrase"));

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains(nameof(KegResetPasswordStatus.PasswordRejected), await tooLong.Content.ReadAsStringAsync());
        Assert.Contains(nameof(KegResetPasswordStatus.PasswordRejected), await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_users_other_sessions()
    {
        await _app.AddUserAsync(Victim);
        using var laptop = _app.Browser();
        using var phone = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await TestWebApp.LoginAsync(laptop, Victim, TestWebApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestWebApp.LoginAsync(phone, Victim, TestWebApp.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/me")).StatusCode);

        var everywhere = await laptop.PostAsync("/logout-everywhere", null);

        Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/me")).StatusCode);
    }

    [Fact]
    public async Task Reset_links_start_with_the_configured_address_whatever_the_Host_header_says()
    {
        await _app.AddUserAsync(Victim);
        using var client = _app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/forgot") { Content = JsonContent.Create(new ForgotRequest(Victim)) };
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var message = Assert.Single(await _app.SentResetsAsync());
        Assert.StartsWith(TestWebApp.PublicBaseUrl.AbsoluteUri + "auth/reset-password?userKey=", message.Url.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(message.Token), message.Url.AbsoluteUri, StringComparison.Ordinal);
    }

    private const int AddressLimit = 5;

    private static void Configure(KegAuthOptions options)
    {
        options.Lockout.LimitBySourceIp = true;
        options.Lockout.Login.SourceIpLimit = AddressLimit;
    }
}

/// <summary><see cref="EdgeSecurityTests"/> on SQLite.</summary>
public sealed class EdgeSecurityTestsOnSqlite() : EdgeSecurityTests(() => new SqliteWebDatabase());

/// <summary><see cref="EdgeSecurityTests"/> on PostgreSQL.</summary>
[Collection(PostgresWebCollection.Name)]
public sealed class EdgeSecurityTestsOnPostgres(PostgresWebFixture postgres) : EdgeSecurityTests(postgres.NewDatabase);
