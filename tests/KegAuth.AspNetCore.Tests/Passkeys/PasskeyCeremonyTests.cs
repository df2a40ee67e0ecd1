using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static KegAuth.AspNetCore.Tests.Passkeys.PasskeyHttp;

namespace KegAuth.AspNetCore.Tests.Passkeys;

/// <summary>
/// The passkey JSON routes with a software authenticator: registration and sign-in as a browser does
/// them, on the fake clock, over SQLite; rename, remove, and the user's other sessions ending.
/// </summary>
public sealed class PasskeyCeremonyTests
{
    private const string Ada = "ada@example.com";

    [Fact]
    public async Task Register_then_sign_in_without_a_password_and_the_other_sessions_end()
    {
        await using var app = await StartAsync();
        await app.AddUserAsync(Ada);
        var laptop = await SignedInAsync(app, Ada);
        var phone = await SignedInAsync(app, Ada);
        using var authenticator = new SoftPasskeyAuthenticator();

        var options = JsonDocument.Parse(await OptionsAsync(laptop, "register")).RootElement;
        Assert.Equal(RpId, options.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal("required", options.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString());
        Assert.DoesNotContain(Ada, options.GetProperty("user").GetProperty("id").GetString()!, StringComparison.OrdinalIgnoreCase);

        var registered = await RegisterAsync(laptop, authenticator);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal("Laptop", (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());

        // This session's cookie was re-issued with the new session key; the other one ended.
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await phone.GetAsync("/api/auth/me")).StatusCode);

        var stranger = app.Browser();
        var signedIn = await SignInAsync(stranger, authenticator);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(Ada, (await signedIn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("loginId").GetString());
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync("/api/auth/me")).StatusCode);

        var (passkey, user, attempts) = await app.WithDbAsync(async db => (
            await db.Set<KegPasskey>().SingleAsync(),
            await db.Users.SingleAsync(),
            await db.Attempts.Where(a => a.UserInput == Ada).OrderBy(a => a.Id).ToListAsync()));
        Assert.Equal(1, passkey.SignCount);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, passkey.LastUsedUtc);
        Assert.Equal(authenticator.CredentialId, passkey.CredentialId);
        Assert.Equal("internal", passkey.Transports);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, user.LastLoginUtc);
        Assert.True(attempts[^1].Success);
    }

    [Fact]
    public async Task The_user_lists_renames_and_removes_a_passkey_and_a_removed_one_no_longer_signs_in()
    {
        await using var app = await StartAsync();
        await app.AddUserAsync(Ada);
        var client = await SignedInAsync(app, Ada);
        using var laptopKey = new SoftPasskeyAuthenticator();
        using var phoneKey = new SoftPasskeyAuthenticator();
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(client, laptopKey, "Laptop")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(client, phoneKey, "  ")).StatusCode);

        var list = (await client.GetFromJsonAsync<List<KegPasskeyInfo>>(Prefix))!;
        Assert.Equal(["Laptop", "Passkey"], list.Select(p => p.Name));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PatchAsJsonAsync($"{Prefix}/{list[1].Id}", new { name = " Phone " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PatchAsJsonAsync($"{Prefix}/{list[1].Id}", new { name = new string('x', 201) })).StatusCode);
        Assert.Equal(["Laptop", "Phone"], (await client.GetFromJsonAsync<List<KegPasskeyInfo>>(Prefix))!.Select(p => p.Name));

        // The second registration excluded the first passkey.
        var options = JsonDocument.Parse(await OptionsAsync(client, "register")).RootElement;
        Assert.Equal(2, options.GetProperty("excludeCredentials").GetArrayLength());

        var removed = await client.DeleteAsync($"{Prefix}/{list[0].Id}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"{Prefix}/{list[0].Id}")).StatusCode);

        var refused = await SignInAsync(app.Browser(), laptopKey);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("invalid-credentials", await CodeAsync(refused));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(app.Browser(), phoneKey)).StatusCode);
    }

    [Fact]
    public async Task Another_users_passkey_cannot_be_renamed_or_removed()
    {
        await using var app = await StartAsync();
        await app.AddUserAsync(Ada);
        await app.AddUserAsync("bob@example.com");
        var ada = await SignedInAsync(app, Ada);
        using var key = new SoftPasskeyAuthenticator();
        await RegisterAsync(ada, key);
        var id = (await ada.GetFromJsonAsync<List<KegPasskeyInfo>>(Prefix))!.Single().Id;

        var bob = await SignedInAsync(app, "bob@example.com");
        Assert.Empty((await bob.GetFromJsonAsync<List<KegPasskeyInfo>>(Prefix))!);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.PatchAsJsonAsync($"{Prefix}/{id}", new { name = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"{Prefix}/{id}")).StatusCode);
        Assert.Equal("Laptop", (await ada.GetFromJsonAsync<List<KegPasskeyInfo>>(Prefix))!.Single().Name);
    }

    [Fact]
    public async Task An_api_token_or_an_anonymous_client_cannot_register_a_passkey()
    {
        await using var app = await StartAsync();
        var id = await app.AddUserAsync(Ada);
        var token = await app.IssueApiTokenAsync(id);
        var client = app.Client();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var options = await PostJsonAsync(client, "/register/options", "{}");
        Assert.Equal(HttpStatusCode.Unauthorized, options.StatusCode);
        Assert.Equal("not-signed-in", await CodeAsync(options));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonAsync(app.Browser(), "/register/options", "{}")).StatusCode);
    }

    [Fact]
    public async Task A_locked_out_or_disabled_user_is_refused_with_a_valid_passkey()
    {
        await using var app = await StartAsync();
        await app.AddUserAsync(Ada);
        using var key = new SoftPasskeyAuthenticator();
        await RegisterAsync(await SignedInAsync(app, Ada), key);

        var client = app.Browser();
        for (var i = 0; i < TestWebApp.LoginLimit; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = "wrong" });
        }

        var locked = await SignInAsync(app.Browser(), key);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.NotNull(locked.Headers.RetryAfter);

        app.Clock.Advance(TestWebApp.LockoutPeriod + TimeSpan.FromMinutes(1));
        await app.WithDbAsync(db => db.Users.ExecuteUpdateAsync(set => set.SetProperty(u => u.IsEnabled, false)));
        var inactive = await SignInAsync(app.Browser(), key);
        Assert.Equal(HttpStatusCode.Forbidden, inactive.StatusCode);
        Assert.Equal("inactive", await CodeAsync(inactive));
    }

    [Fact]
    public async Task Cross_site_requests_to_the_passkey_routes_are_refused()
    {
        await using var app = await StartAsync();
        await app.AddUserAsync(Ada);
        var client = await SignedInAsync(app, Ada);
        using var key = new SoftPasskeyAuthenticator();
        await RegisterAsync(client, key);
        var id = (await client.GetFromJsonAsync<List<KegPasskeyInfo>>(Prefix))!.Single().Id;

        // A form post (a "simple" request another site can send with the cookie) and a JSON post the browser marks cross-site.
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync(Prefix + "/register/options", new FormUrlEncodedContent([]))).StatusCode);
        var marked = new HttpRequestMessage(HttpMethod.Delete, $"{Prefix}/{id}");
        marked.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(marked)).StatusCode);
        Assert.Single((await client.GetFromJsonAsync<List<KegPasskeyInfo>>(Prefix))!);
    }
}
