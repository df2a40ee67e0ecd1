using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>Only KegAuth's own schemes may name a session key: another scheme's principal is nobody to KegAuth.</summary>
public sealed class SessionKeyTrustTests : IAsyncLifetime
{
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(KegAuthSchemes.Cookie, true)]
    [InlineData(KegAuthSchemes.ApiToken, true)]
    [InlineData("Bearer", false)]
    [InlineData(null, false)]
    public async Task A_session_key_claim_counts_only_from_a_KegAuth_scheme(string? authenticationType, bool found)
    {
        var id = await _app.AddUserAsync("ada@example.com");
        var sessionKey = await _app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Id == id).SessionKey));
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(KegClaimTypes.SessionKey, sessionKey)], authenticationType));

        await using var scope = _app.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<IKegCurrentUser<WebUser>>().GetAsync(principal);

        Assert.Equal(found, user is not null);
    }
}
