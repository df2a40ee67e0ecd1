using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Browser;

/// <summary>
/// Passkeys in real headless chromium with its virtual authenticator (CDP <c>WebAuthn</c>: ctap2,
/// resident keys, user verification), so the real browser ceremonies run against the pages: add a
/// passkey, sign out, sign in with it alone, rename, remove, and a removed or cloned one refused.
/// The app runs at <c>localhost</c>: WebAuthn refuses an IP address as relying party.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class PasskeyBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Email = "ada@example.test";

    private PagesWebApp _app = null!;
    private readonly List<IBrowserContext> _contexts = [];

    public async Task InitializeAsync() => _app = await PagesWebApp.StartAsync(host: "localhost", configureKegAuth: (kegAuth, baseUrl) =>
        kegAuth.AddPasskeys<WebContext, WebUser, WebAttempt>(options =>
        {
            options.RelyingPartyId = "localhost";
            options.RelyingPartyName = "KegAuth tests";
            options.Origins.Add(baseUrl.GetLeftPart(UriPartial.Authority));
        }));

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Add_a_passkey_sign_out_sign_in_with_it_rename_and_remove_it_then_it_is_refused()
    {
        await _app.AddUserAsync(Email);
        var page = await PageWithAuthenticatorAsync();
        await SignInWithPasswordAsync(page);

        await page.GotoAsync(_app.Url("/auth/passkeys"));
        Assert.True(await page.IsVisibleAsync("#passkeys-empty"));

        // The page's JSON handlers need the antiforgery header, as its forms need the token.
        Assert.Equal(400, await page.EvaluateAsync<int>("async () => (await fetch('/auth/passkeys?handler=Options', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status"));
        await page.FillAsync("#passkey-name", "Laptop");
        await page.ClickAsync("#passkey-add");
        await page.WaitForURLAsync(_app.Url("/auth/passkeys?done=added"));
        Assert.Contains("Passkey added", await page.TextContentAsync("#keg-notice"), StringComparison.Ordinal);
        var id = await _app.WithDbAsync(db => db.Set<KegPasskey>().Select(p => p.Id).SingleAsync());
        Assert.Equal("Laptop", await page.InputValueAsync($"#name-{id}"));
        await Screenshots.SaveAsync(page, "passkeys");

        await SignOutAsync(page);
        await page.GotoAsync(_app.Url("/auth/login?returnUrl=%2F%3Ffrom%3Dpasskey"));
        Assert.Equal("Sign in with a passkey", (await page.TextContentAsync("#passkey-sign-in"))!.Trim());
        await page.ClickAsync("#passkey-sign-in");
        await page.WaitForURLAsync(_app.Url("/?from=passkey"));
        Assert.Equal($"Signed in as {Email}", await page.TextContentAsync("body"));
        var used = await _app.WithDbAsync(db => db.Set<KegPasskey>().SingleAsync());
        Assert.NotNull(used.LastUsedUtc);
        Assert.True(used.SignCount > 0);

        await page.GotoAsync(_app.Url("/auth/passkeys"));
        await page.FillAsync($"#name-{id}", "Work laptop");
        await page.ClickAsync($"tr[data-passkey-id='{id}'] button:has-text('Rename')");
        Assert.Equal("Passkey renamed.", await page.TextContentAsync("#keg-notice"));
        Assert.Equal("Work laptop", await page.InputValueAsync($"#name-{id}"));

        await page.ClickAsync($"tr[data-passkey-id='{id}'] button:has-text('Remove')");
        Assert.Contains("Passkey removed", await page.TextContentAsync("#keg-notice"), StringComparison.Ordinal);
        Assert.True(await page.IsVisibleAsync("#passkeys-empty"));

        // The authenticator still holds the credential; the site no longer accepts it.
        await SignOutAsync(page);
        await page.GotoAsync(_app.Url("/auth/login"));
        await page.ClickAsync("#passkey-sign-in");
        await page.WaitForSelectorAsync("#passkey-error:not([hidden])");
        Assert.Equal("The passkey was not accepted.", await page.TextContentAsync("#passkey-error"));
        Assert.Equal(_app.Url("/auth/login"), page.Url);
    }

    [Fact]
    public async Task A_cloned_authenticator_whose_count_went_backwards_is_refused()
    {
        await _app.AddUserAsync(Email);
        var page = await PageWithAuthenticatorAsync();
        await SignInWithPasswordAsync(page);
        await page.GotoAsync(_app.Url("/auth/passkeys"));
        await page.ClickAsync("#passkey-add");
        await page.WaitForURLAsync(_app.Url("/auth/passkeys?done=added"));
        await SignOutAsync(page);

        // The server has seen a higher count than this authenticator will report: the mark of a copy.
        await _app.WithDbAsync(db => db.Set<KegPasskey>().ExecuteUpdateAsync(set => set.SetProperty(p => p.SignCount, 1000)));
        await page.GotoAsync(_app.Url("/auth/login"));
        await page.ClickAsync("#passkey-sign-in");
        await page.WaitForSelectorAsync("#passkey-error:not([hidden])");
        Assert.Contains("counter went backwards", await page.TextContentAsync("#passkey-error"), StringComparison.Ordinal);
        var home = await page.Context.NewPageAsync();
        await home.GotoAsync(_app.Url("/"));
        Assert.Equal("Not signed in", await home.TextContentAsync("body"));
        Assert.Equal(1000, await _app.WithDbAsync(db => db.Set<KegPasskey>().Select(p => p.SignCount).SingleAsync()));
    }

    private async Task<IPage> PageWithAuthenticatorAsync()
    {
        var context = await chromium.Browser.NewContextAsync();
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        Assert.False(string.IsNullOrEmpty(added!.Value.GetProperty("authenticatorId").GetString()));
        return page;
    }

    private async Task SignInWithPasswordAsync(IPage page)
    {
        await page.GotoAsync(_app.Url("/auth/login"));
        await page.FillAsync("#loginId", Email);
        await page.FillAsync("#password", TestWebApp.Password);
        await page.ClickAsync("button[type=submit]");
        Assert.Equal($"Signed in as {Email}", await page.TextContentAsync("body"));
    }

    private async Task SignOutAsync(IPage page)
    {
        await page.GotoAsync(_app.Url("/auth/logout"));
        await page.ClickAsync("button[type=submit]");
        await page.GotoAsync(_app.Url("/"));
        Assert.Equal("Not signed in", await page.TextContentAsync("body"));
    }
}
