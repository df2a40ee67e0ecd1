using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

public sealed class ApiTokenAuthenticationTests : IAsyncLifetime
{
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_good_token_in_the_bearer_header_authenticates()
    {
        var token = await _app.IssueApiTokenAsync(await _app.AddUserAsync("ada@example.com"));

        var response = await GetMeAsync(request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ada@example.com", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_good_token_in_the_configured_header_authenticates()
    {
        var token = await _app.IssueApiTokenAsync(await _app.AddUserAsync("ada@example.com"));

        var response = await GetMeAsync(request => request.Headers.Add(KegApiTokenOptions.DefaultHeaderName, token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_wrong_raw_token_is_rejected()
    {
        var token = await _app.IssueApiTokenAsync(await _app.AddUserAsync("ada@example.com"));
        var wrong = token[..token.IndexOf('.')] + ".notTheRightRawTokenAtAll1234567";

        var response = await GetMeAsync(request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", wrong));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData(".")]
    [InlineData("!!!.abc")]
    [InlineData("YWRhQGV4YW1wbGUuY29t")]
    public async Task A_malformed_token_is_rejected(string token)
    {
        await _app.IssueApiTokenAsync(await _app.AddUserAsync("ada@example.com"));

        var response = await GetMeAsync(request => request.Headers.Add(KegApiTokenOptions.DefaultHeaderName, token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_empty_bearer_token_is_rejected()
    {
        var response = await GetMeAsync(request => request.Headers.TryAddWithoutValidation("Authorization", "Bearer "));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData("unverified")]
    [InlineData("disabled by date")]
    public async Task An_inactive_users_token_is_rejected(string how)
    {
        var id = await _app.AddUserAsync("ada@example.com");
        var token = await _app.IssueApiTokenAsync(id);
        await _app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            switch (how)
            {
                case "disabled": user.IsEnabled = false; break;
                case "unverified": user.IsVerified = false; break;
                default: user.DisabledUtc = _app.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1); break;
            }

            return await db.SaveChangesAsync();
        });

        var response = await GetMeAsync(request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_bcrypt_token_hash_from_keg_auth_is_upgraded_and_saved()
    {
        using var vectors = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "keg-auth-vectors.json")));
        var vector = vectors.RootElement.GetProperty("api_tokens")[0];
        var email = vector.GetProperty("email").GetString()!;
        var id = await _app.AddUserAsync(email, user => user.Token = PasswordHash.FromHash(vector.GetProperty("token_hash").GetString()!));
        var apiToken = vector.GetProperty("api_token").GetString()!;

        var first = await GetMeAsync(request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiToken));
        var stored = await _app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));
        var second = await GetMeAsync(request => request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiToken));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True(stored.Token!.IsFastTokenHash);
        Assert.True(stored.Token.Verify(vector.GetProperty("raw_token").GetString()));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task No_credentials_get_401()
    {
        var response = await GetMeAsync(_ => { });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> GetMeAsync(Action<HttpRequestMessage> authorize)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        authorize(request);
        return await _app.Client().SendAsync(request);
    }
}
