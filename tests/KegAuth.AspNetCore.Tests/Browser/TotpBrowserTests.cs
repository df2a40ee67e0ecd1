using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Browser;

/// <summary>
/// The authenticator as a person meets it, in headless chromium: set it up by reading the key off the
/// page (the code computed as the app would, with <see cref="KegTotp"/>), sign out, sign in with the
/// password and a code, a replayed code refused, a recovery code working once. The app runs on a fake
/// clock that starts now, moved a time step on where a person would wait for the next code.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class TotpBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Email = "ada@example.test";

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly List<IBrowserContext> _contexts = [];
    private PagesWebApp _app = null!;

    public async Task InitializeAsync() => _app = await PagesWebApp.StartAsync(_clock);

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Set_up_by_the_page_then_sign_in_with_a_code_a_replay_is_refused_and_a_recovery_code_works_once()
    {
        await _app.AddUserAsync(Email);
        var page = await NewPageAsync();
        await SignInAsync(page, TestWebApp.Password);
        Assert.Equal($"Signed in as {Email}", await page.TextContentAsync("body"));

        // Set-up: the QR code and the key, confirmed with the app's first code.
        await page.GotoAsync(_app.Url("/auth/authenticator"));
        await Screenshots.SaveAsync(page, "authenticator-off");
        await page.ClickAsync("#begin");
        Assert.Equal(1, await page.Locator("#qr-code svg").CountAsync());
        Assert.True(KegTotp.TryDecodeSecret(await page.TextContentAsync("#totp-secret"), out var secret));
        Assert.Equal("code", await BrowserFocus.IdAsync(page));
        await Screenshots.SaveAsync(page, "authenticator-set-up");
        await page.FillAsync("#code", Code(secret));
        await page.ClickAsync("#confirm");
        var recoveryCodes = await page.Locator("#recovery-codes li").AllTextContentsAsync();
        Assert.Equal(KegRecoveryCodes.DefaultCount, recoveryCodes.Count);
        Assert.Contains("Your authenticator app is on.", await page.TextContentAsync("#keg-notice"), StringComparison.Ordinal);
        Assert.Equal(KegRecoveryCodes.DefaultCount.ToString(System.Globalization.CultureInfo.InvariantCulture), await page.TextContentAsync("#recovery-left"));
        await Screenshots.SaveAsync(page, "authenticator-recovery-codes");

        // Turning it on kept this session; reloading shows the codes no more.
        await page.GotoAsync(_app.Url("/auth/authenticator"));
        Assert.Equal(0, await page.Locator("#recovery-codes").CountAsync());
        await SignOutAsync(page);

        // Password, then the next code.
        _clock.Advance(KegTotp.Period);
        var code = Code(secret);
        await SignInAsync(page, TestWebApp.Password);
        Assert.Equal(_app.Url("/auth/second-factor"), page.Url);
        Assert.Equal("one-time-code", await page.GetAttributeAsync("#code", "autocomplete"));
        Assert.Equal("code", await BrowserFocus.IdAsync(page));
        await Screenshots.SaveAsync(page, "second-factor");
        await EnterCodeAsync(page, code);
        Assert.Equal($"Signed in as {Email}", await page.TextContentAsync("body"));
        await SignOutAsync(page);

        // The same code again: refused, next to the field.
        await SignInAsync(page, TestWebApp.Password);
        await EnterCodeAsync(page, code);
        Assert.Equal(_app.Url("/auth/second-factor"), page.Url);
        Assert.Equal("That code is wrong or was already used.", (await page.TextContentAsync("#code-errors"))!.Trim());
        Assert.Equal(string.Empty, await page.InputValueAsync("#code"));

        // A recovery code instead, typed in capitals.
        await EnterCodeAsync(page, recoveryCodes[0].ToUpperInvariant());
        Assert.Equal($"Signed in as {Email}", await page.TextContentAsync("body"));
        await SignOutAsync(page);
        await SignInAsync(page, TestWebApp.Password);
        await EnterCodeAsync(page, recoveryCodes[0]);
        Assert.Equal("That code is wrong or was already used.", (await page.TextContentAsync("#code-errors"))!.Trim());
    }

    [Fact]
    public async Task The_return_url_survives_the_code_step_and_a_remembered_device_skips_it_until_the_authenticator_is_turned_off_and_on()
    {
        await _app.AddUserAsync(Email);
        var page = await NewPageAsync();
        await SignInAsync(page, TestWebApp.Password);
        var secret = await EnrolOnPageAsync(page);
        await SignOutAsync(page);
        _clock.Advance(KegTotp.Period);

        await page.GotoAsync(_app.Url("/auth/login?returnUrl=%2F%3Ffrom%3Dcode"));
        await FillPasswordAsync(page, TestWebApp.Password);
        await page.CheckAsync("#rememberDevice");
        await EnterCodeAsync(page, Code(secret));
        Assert.Equal(_app.Url("/?from=code"), page.Url);
        await SignOutAsync(page);

        // This browser is remembered: the password alone signs in.
        await SignInAsync(page, TestWebApp.Password);
        Assert.Equal($"Signed in as {Email}", await page.TextContentAsync("body"));

        // Off (with the password) and on again: a new session key, so the device is forgotten.
        await page.GotoAsync(_app.Url("/auth/authenticator"));
        await page.FillAsync("#password", "not the password");
        await page.ClickAsync("#disable");
        Assert.Equal("The password is wrong.", (await page.TextContentAsync("#password-errors"))!.Trim());
        await page.FillAsync("#password", TestWebApp.Password);
        await page.ClickAsync("#disable");
        Assert.Contains("is off", await page.TextContentAsync("#keg-notice"), StringComparison.Ordinal);
        _clock.Advance(KegTotp.Period);
        var again = await EnrolOnPageAsync(page);
        await SignOutAsync(page);
        _clock.Advance(KegTotp.Period);
        await SignInAsync(page, TestWebApp.Password);
        Assert.Equal(_app.Url("/auth/second-factor"), page.Url);
        await EnterCodeAsync(page, Code(again));
        Assert.Equal($"Signed in as {Email}", await page.TextContentAsync("body"));
    }

    private string Code(byte[] secret) => KegTotp.Compute(secret, KegTotp.StepAt(_clock.GetUtcNow()));

    private async Task<byte[]> EnrolOnPageAsync(IPage page)
    {
        await page.GotoAsync(_app.Url("/auth/authenticator"));
        await page.ClickAsync("#begin");
        Assert.True(KegTotp.TryDecodeSecret(await page.TextContentAsync("#totp-secret"), out var secret));
        await page.FillAsync("#code", Code(secret));
        await page.ClickAsync("#confirm");
        Assert.Equal(KegRecoveryCodes.DefaultCount, await page.Locator("#recovery-codes li").CountAsync());
        return secret;
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 900, Height = 900 } });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    private async Task SignInAsync(IPage page, string password)
    {
        await page.GotoAsync(_app.Url("/auth/login"));
        await FillPasswordAsync(page, password);
    }

    private static async Task FillPasswordAsync(IPage page, string password)
    {
        await page.FillAsync("#loginId", Email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }

    private static async Task EnterCodeAsync(IPage page, string code)
    {
        await page.FillAsync("#code", code);
        await page.ClickAsync("button[type=submit]");
    }

    private async Task SignOutAsync(IPage page)
    {
        await page.GotoAsync(_app.Url("/auth/logout"));
        await page.ClickAsync("button[type=submit]");
        Assert.Equal(_app.Url("/auth/login?done=signed-out"), page.Url);
    }
}
