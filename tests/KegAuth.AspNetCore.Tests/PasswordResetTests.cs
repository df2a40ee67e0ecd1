using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

public sealed class PasswordResetTests : IAsyncLifetime
{
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Forgot_then_reset_changes_the_password_and_spends_the_token()
    {
        var id = await _app.AddUserAsync("ada@example.com");
        using var client = _app.Client();

        var forgot = await client.PostAsJsonAsync("/forgot", new ForgotRequest("ada@example.com"));
        Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        var message = Assert.Single(await _app.SentResetsAsync());
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), message.UserKey);

        var reset = await client.PostAsJsonAsync("/reset", new ResetRequest(message.UserKey, message.Token, "a brand new passphrase"));
        var oldPassword = await TestWebApp.LoginAsync(client, "ada@example.com", TestWebApp.Password);
        var newPassword = await TestWebApp.LoginAsync(client, "ada@example.com", "a brand new passphrase");
        var reused = await client.PostAsJsonAsync("/reset", new ResetRequest(message.UserKey, message.Token, "yet another one"));

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newPassword.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.DoesNotContain(message.Token, message.ToString());
    }

    [Fact]
    public async Task Forgot_for_an_unknown_user_looks_the_same_and_sends_nothing()
    {
        using var client = _app.Client();

        var forgot = await client.PostAsJsonAsync("/forgot", new ForgotRequest("nobody@example.com"));

        Assert.Equal(HttpStatusCode.Accepted, forgot.StatusCode);
        Assert.Empty(await _app.SentResetsAsync());
    }

    [Fact]
    public async Task Forgot_for_an_unknown_login_id_locks_out_after_the_limit()
    {
        using var client = _app.Client();
        for (var i = 0; i < TestWebApp.LoginLimit; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/forgot", new ForgotRequest("nobody@example.com"))).StatusCode);
        }

        var locked = await client.PostAsJsonAsync("/forgot", new ForgotRequest("nobody@example.com"));

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
    }

    [Fact]
    public async Task Forgot_for_an_existing_user_is_a_success_and_not_counted_against_the_user_as_in_keg_auth()
    {
        await _app.AddUserAsync("ada@example.com");
        using var client = _app.Client();
        for (var i = 0; i < TestWebApp.LoginLimit + 2; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/forgot", new ForgotRequest("ada@example.com"))).StatusCode);
        }

        Assert.Equal(TestWebApp.LoginLimit + 2, (await _app.SentResetsAsync()).Count);
        var attempts = await _app.WithDbAsync(db => db.Attempts.ToListAsync());
        Assert.All(attempts, attempt => Assert.True(attempt.Success));
    }

    [Fact]
    public async Task Reset_with_bad_tokens_locks_out_after_the_limit()
    {
        var id = await _app.AddUserAsync("ada@example.com");
        using var client = _app.Client();
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < TestWebApp.LoginLimit; i++)
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/reset", new ResetRequest(key, "not-a-token", "new password"))).StatusCode);
        }

        await client.PostAsJsonAsync("/forgot", new ForgotRequest("ada@example.com"));
        var message = Assert.Single(await _app.SentResetsAsync());
        var locked = await client.PostAsJsonAsync("/reset", new ResetRequest(key, message.Token, "new password"));

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        var user = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.Id == id));
        Assert.True(user.Password!.Verify(TestWebApp.Password));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-number")]
    [InlineData("99999")]
    public async Task Reset_with_an_unknown_user_key_is_an_invalid_token(string key)
    {
        using var client = _app.Client();

        var response = await client.PostAsJsonAsync("/reset", new ResetRequest(key, "whatever", "new password"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
