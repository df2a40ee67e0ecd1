using System.Net;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

public sealed class SignInTests : IAsyncLifetime
{
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Unknown_user_and_wrong_password_get_the_same_response()
    {
        await _app.AddUserAsync("ada@example.com");
        using var client = _app.Client();

        var wrongPassword = await TestWebApp.LoginAsync(client, "ada@example.com", "wrong");
        var unknownUser = await TestWebApp.LoginAsync(client, "nobody@example.com", TestWebApp.Password);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(wrongPassword.StatusCode, unknownUser.StatusCode);
        Assert.Equal(await wrongPassword.Content.ReadAsStringAsync(), await unknownUser.Content.ReadAsStringAsync());
        Assert.False(wrongPassword.Headers.Contains("Set-Cookie"));
        Assert.False(unknownUser.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Logins_lock_out_after_the_limit_and_unlock_after_the_period()
    {
        await _app.AddUserAsync("ada@example.com");
        using var client = _app.Client();
        for (var i = 0; i < TestWebApp.LoginLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TestWebApp.LoginAsync(client, "ada@example.com", "wrong")).StatusCode);
        }

        var locked = await TestWebApp.LoginAsync(client, "ada@example.com", TestWebApp.Password);
        _app.Clock.Advance(TestWebApp.LockoutPeriod + TimeSpan.FromSeconds(1));
        var unlocked = await TestWebApp.LoginAsync(client, "ada@example.com", TestWebApp.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        var attempts = await _app.WithDbAsync(db => db.Attempts.OrderBy(a => a.Id).ToListAsync());
        Assert.Equal([false, false, false, false, true], attempts.Select(a => a.Success));
        Assert.Equal([false, false, false, true, false], attempts.Select(a => a.IsDuringLockout));
        Assert.All(attempts, a => Assert.Equal(AttemptType.Login, a.AttemptType));
    }

    [Fact]
    public async Task A_login_sets_LastLoginUtc_and_records_a_successful_attempt()
    {
        var id = await _app.AddUserAsync("ada@example.com");
        using var client = _app.Client();

        var response = await TestWebApp.LoginAsync(client, "ADA@example.com", TestWebApp.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == id));
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, user.LastLoginUtc);
        var attempt = await _app.WithDbAsync(db => db.Attempts.SingleAsync());
        Assert.True(attempt.Success);
    }

    [Fact]
    public async Task A_password_hashed_at_another_cost_is_rehashed_at_login()
    {
        var id = await _app.AddUserAsync("ada@example.com", user => user.Password = PasswordHash.Create(TestWebApp.Password, 5));
        using var client = _app.Client();

        var response = await TestWebApp.LoginAsync(client, "ada@example.com", TestWebApp.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == id));
        Assert.False(user.Password!.NeedsRehash(4));
        Assert.True(user.Password.Verify(TestWebApp.Password));
    }

    [Fact]
    public async Task A_passlib_pbkdf2_hash_converges_on_bcrypt_at_the_configured_cost_at_login()
    {
        // From the interop vectors: passlib's pbkdf2_sha256 of "hunter2".
        const string Pbkdf2 = "$pbkdf2-sha256$1001$WQuBcE6JUSqltNb6PweA0A$1bop82p.eYTxMNFmoYBUb6kquz/eH3xfXuYfw8Egeag";
        var id = await _app.AddUserAsync("ada@example.com", user => user.Password = PasswordHash.FromHash(Pbkdf2));
        using var client = _app.Client();

        var response = await TestWebApp.LoginAsync(client, "ada@example.com", "hunter2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == id));
        Assert.StartsWith("$2b$04$", user.Password!.Hash, StringComparison.Ordinal);
        Assert.True(user.Password.Verify("hunter2"));
    }

    [Fact]
    public async Task A_long_password_whose_old_hash_cannot_be_redone_at_bcrypts_limit_still_signs_in()
    {
        // pbkdf2-sha256 (passlib layout) of 80 "x": bcrypt would read only 72 bytes, and the options refuse that.
        const string Pbkdf2 = "$pbkdf2-sha256$1000$MDEyMzQ1Njc4OWFiY2RlZg$4VbMorL49K14ctiC28Q43Mi3ycq.V/8lu.54GmOt..U";
        _app.Options.RejectPasswordsOverBcryptLimit = true;
        var id = await _app.AddUserAsync("ada@example.com", user => user.Password = PasswordHash.FromHash(Pbkdf2));
        using var client = _app.Client();

        var response = await TestWebApp.LoginAsync(client, "ada@example.com", new string('x', 80));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Pbkdf2, (await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == id))).Password!.Hash);
    }

    [Fact]
    public async Task A_fast_api_token_hash_in_the_password_column_never_signs_in()
    {
        await _app.AddUserAsync("ada@example.com", user => user.Password = PasswordHash.CreateForToken("raw-token-value-0123456789"));
        using var client = _app.Client();

        var response = await TestWebApp.LoginAsync(client, "ada@example.com", "raw-token-value-0123456789");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(6)]
    public void The_dummy_hash_for_unknown_users_follows_the_configured_cost(int cost)
    {
        var dummy = KegAuth.AspNetCore.SignIn.DummyPasswordHash.For(cost);

        Assert.StartsWith($"$2b$0{cost}$", dummy.Hash, StringComparison.Ordinal);
        Assert.False(dummy.NeedsRehash(cost));
    }

    [Fact]
    public async Task A_disabled_user_with_the_right_password_is_told_so_and_gets_no_cookie()
    {
        await _app.AddUserAsync("ada@example.com", user => user.IsEnabled = false);
        using var client = _app.Client();

        var response = await TestWebApp.LoginAsync(client, "ada@example.com", TestWebApp.Password);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}
