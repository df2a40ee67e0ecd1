using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Browser;

/// <summary>
/// KegAuth's pages as a person uses them: real headless chromium against the app on a loopback port,
/// one fresh app (and database) per test, one browser for the class. Each page's look is saved under
/// docs/screenshots/.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class PagesBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Email = "ada@example.test";
    private const string NewPassword = "a brand new passphrase";

    private PagesWebApp _app = null!;
    private readonly List<IBrowserContext> _contexts = [];

    public async Task InitializeAsync() => _app = await PagesWebApp.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Signing_in_with_remember_me_follows_the_return_url_with_a_persistent_cookie()
    {
        await _app.AddUserAsync(Email);
        var page = await NewPageAsync();
        await page.GotoAsync(_app.Url("/auth/login?returnUrl=%2F%3Ffrom%3Dlogin"));

        // The library's stylesheet is served (static web asset) and applied.
        Assert.Equal("8px", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.keg-main')).borderTopLeftRadius"));
        Assert.Equal("loginId", await FocusedIdAsync(page));
        Assert.Equal("username", await page.GetAttributeAsync("#loginId", "autocomplete"));
        Assert.Equal("current-password", await page.GetAttributeAsync("#password", "autocomplete"));
        await Screenshots.SaveAsync(page, "login");

        await page.FillAsync("#loginId", Email);
        await page.FillAsync("#password", TestWebApp.Password);
        await page.CheckAsync("#remember");
        await page.ClickAsync("button[type=submit]");

        Assert.Equal(_app.Url("/?from=login"), page.Url);
        Assert.Equal($"Signed in as {Email}", await page.TextContentAsync("body"));
        var cookies = await page.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Expires > DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Without_remember_me_the_cookie_ends_with_the_browser_and_an_outside_return_url_is_not_followed()
    {
        await _app.AddUserAsync(Email);
        var page = await NewPageAsync();
        await page.GotoAsync(_app.Url("/auth/login?returnUrl=https%3A%2F%2Fevil.example%2F"));
        await SignInOnPageAsync(page, Email, TestWebApp.Password);

        Assert.Equal(_app.Url("/"), page.Url);
        var cookies = await page.Context.CookiesAsync();
        Assert.NotEmpty(cookies);
        Assert.All(cookies.Where(c => c.Name.Contains("KegAuth", StringComparison.OrdinalIgnoreCase) || c.HttpOnly), c => Assert.Equal(-1, c.Expires));
    }

    [Fact]
    public async Task Signing_in_and_out_needs_no_javascript()
    {
        await _app.AddUserAsync(Email);
        var context = await chromium.Browser.NewContextAsync(new() { JavaScriptEnabled = false });
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        await page.GotoAsync(_app.Url("/auth/login"));
        await SignInOnPageAsync(page, Email, TestWebApp.Password);
        Assert.Equal($"Signed in as {Email}", await page.TextContentAsync("body"));

        await page.GotoAsync(_app.Url("/auth/logout"));
        await page.ClickAsync("button[type=submit]");
        Assert.Equal(_app.Url("/auth/login?done=signed-out"), page.Url);
    }

    [Fact]
    public async Task A_wrong_password_is_shown_next_to_the_password_field_which_takes_the_focus()
    {
        await _app.AddUserAsync(Email);
        var page = await NewPageAsync();
        await page.GotoAsync(_app.Url("/auth/login"));
        await SignInOnPageAsync(page, Email, "not the password");

        Assert.Equal(_app.Url("/auth/login"), page.Url);
        Assert.Equal("The username or password is wrong.", (await page.TextContentAsync("#password-errors"))!.Trim());
        Assert.Equal("true", await page.GetAttributeAsync("#password", "aria-invalid"));
        Assert.Equal("password-errors", await page.GetAttributeAsync("#password", "aria-describedby"));
        Assert.Equal("password", await FocusedIdAsync(page));

        // The login id is kept; the password is never echoed back.
        Assert.Equal(Email, await page.InputValueAsync("#loginId"));
        Assert.Equal(string.Empty, await page.InputValueAsync("#password"));
        await Screenshots.SaveAsync(page, "login-wrong-password");
    }

    [Fact]
    public async Task After_too_many_failures_even_the_right_password_gets_the_lockout_message_with_the_time_left()
    {
        await _app.AddUserAsync(Email);
        var page = await NewPageAsync();
        await page.GotoAsync(_app.Url("/auth/login"));
        for (var i = 0; i < TestWebApp.LoginLimit; i++)
        {
            await SignInOnPageAsync(page, Email, "not the password");
        }

        await SignInOnPageAsync(page, Email, TestWebApp.Password);

        var alert = (await page.TextContentAsync("[role=alert]"))!.Trim();
        Assert.Matches(new Regex("^Too many failed sign-ins\\. Try again in (30|29) minutes\\.$"), alert);
        await Screenshots.SaveAsync(page, "login-locked-out");
        await page.GotoAsync(_app.Url("/"));
        Assert.Equal("Not signed in", await page.TextContentAsync("body"));
    }

    [Fact]
    public async Task Forgot_password_mails_a_link_whose_page_applies_the_policy_then_sets_the_password_to_sign_in_with()
    {
        await _app.AddUserAsync(Email);
        var page = await NewPageAsync();
        await page.GotoAsync(_app.Url("/auth/login"));
        await page.ClickAsync("text=Forgot your password?");
        Assert.Equal(_app.Url("/auth/forgot-password"), page.Url);
        await Screenshots.SaveAsync(page, "forgot-password");
        await page.FillAsync("#loginId", Email);
        await page.ClickAsync("button[type=submit]");
        Assert.StartsWith("If that account exists", (await page.TextContentAsync("[role=status]"))!.Trim());
        await Screenshots.SaveAsync(page, "forgot-password-sent");

        var mail = Assert.Single(_app.Mails);
        Assert.Equal(KegMailKind.ResetPassword, mail.Kind);
        await page.GotoAsync(mail.Url.AbsoluteUri);
        Assert.Equal("newPassword", await FocusedIdAsync(page));
        Assert.Equal("new-password", await page.GetAttributeAsync("#newPassword", "autocomplete"));
        await Screenshots.SaveAsync(page, "reset-password");

        // The policy's problems come from the same IKegPasswordPolicy as the JSON endpoints, next to the field.
        await SetNewPasswordAsync(page, "short");
        var problems = await page.Locator("#newPassword-errors li").AllTextContentsAsync();
        var expected = await _app.WithScopeAsync(async services => (await services.GetRequiredService<IKegPasswordPolicy>().CheckAsync("short", Email)).Problems.Select(p => p.Message).ToList());
        Assert.NotEmpty(expected);
        Assert.Equal(expected, problems.Select(p => p.Trim()));
        Assert.Equal("newPassword", await FocusedIdAsync(page));
        await Screenshots.SaveAsync(page, "reset-password-policy");

        await SetNewPasswordAsync(page, NewPassword);
        Assert.Equal(_app.Url("/auth/login?done=reset"), page.Url);
        Assert.Equal("Your password was changed. Sign in with the new one.", (await page.TextContentAsync("[role=status]"))!.Trim());

        // The link is spent.
        await page.GotoAsync(mail.Url.AbsoluteUri);
        await SetNewPasswordAsync(page, "yet another passphrase");
        Assert.Equal("This link is wrong, expired or already used. Ask for a new one.", (await page.TextContentAsync("[role=alert]"))!.Trim());

        await page.GotoAsync(_app.Url("/auth/login"));
        await SignInOnPageAsync(page, Email, NewPassword);
        Assert.Equal($"Signed in as {Email}", await page.TextContentAsync("body"));
    }

    [Fact]
    public async Task A_new_user_verifies_from_the_mailed_link_and_signs_in()
    {
        var created = await _app.WithScopeAsync(services =>
            services.GetRequiredService<IKegUserCreation<WebUser>>().CreateUserAsync(new WebUser { Email = "grace@example.test" }));
        var mail = Assert.Single(_app.Mails);
        Assert.Equal(KegMailKind.VerifyAccount, mail.Kind);
        Assert.Equal(created.VerificationUrl, mail.Url);

        var page = await NewPageAsync();
        await page.GotoAsync(mail.Url.AbsoluteUri);
        await Screenshots.SaveAsync(page, "verify-account");
        await SetNewPasswordAsync(page, NewPassword);
        Assert.Equal(_app.Url("/auth/login?done=verified"), page.Url);

        await SignInOnPageAsync(page, "grace@example.test", NewPassword);
        Assert.Equal("Signed in as grace@example.test", await page.TextContentAsync("body"));
        Assert.True(await _app.WithDbAsync(db => db.Users.Where(u => u.Email == "grace@example.test").Select(u => u.IsVerified).SingleAsync()));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_session_in_another_browser_and_keeps_this_one()
    {
        await _app.AddUserAsync(Email);
        var here = await SignedInPageAsync(Email, TestWebApp.Password);
        var elsewhere = await SignedInPageAsync(Email, TestWebApp.Password);

        await here.GotoAsync(_app.Url("/auth/change-password"));
        Assert.Equal("currentPassword", await FocusedIdAsync(here));
        await Screenshots.SaveAsync(here, "change-password");

        // A wrong current password is shown next to that field.
        await FillChangeAsync(here, "not the password", NewPassword, NewPassword);
        Assert.Equal("The current password is wrong.", (await here.TextContentAsync("#currentPassword-errors"))!.Trim());
        Assert.Equal("currentPassword", await FocusedIdAsync(here));

        await FillChangeAsync(here, TestWebApp.Password, NewPassword, NewPassword);
        Assert.Equal("Your password was changed. Your other sessions are signed out.", (await here.TextContentAsync("[role=status]"))!.Trim());
        await Screenshots.SaveAsync(here, "change-password-done");

        await elsewhere.ReloadAsync();
        Assert.Equal("Not signed in", await elsewhere.TextContentAsync("body"));
        await here.GotoAsync(_app.Url("/"));
        Assert.Equal($"Signed in as {Email}", await here.TextContentAsync("body"));
    }

    [Fact]
    public async Task Change_password_sends_a_visitor_to_sign_in_and_back()
    {
        await _app.AddUserAsync(Email);
        var page = await NewPageAsync();
        await page.GotoAsync(_app.Url("/auth/change-password"));
        Assert.Equal(_app.Url("/auth/login?returnUrl=%2Fauth%2Fchange-password"), page.Url);
        await SignInOnPageAsync(page, Email, TestWebApp.Password);
        Assert.Equal(_app.Url("/auth/change-password"), page.Url);
    }

    [Fact]
    public async Task Signing_out_removes_the_session_on_the_page_the_app_overrode()
    {
        await _app.AddUserAsync(Email);
        var page = await SignedInPageAsync(Email, TestWebApp.Password);
        await page.GotoAsync(_app.Url("/auth/logout"));

        // The test app overrides this page (Areas/KegAuth/Pages/Logout.cshtml): its copy wins, in the library's layout, with the library's model.
        Assert.Equal("This is the test app's own sign-out page.", await page.TextContentAsync("#app-override"));
        Assert.Equal("Leaving already?", await page.TitleAsync());
        Assert.Equal("8px", await page.EvaluateAsync<string>("getComputedStyle(document.querySelector('.keg-main')).borderTopLeftRadius"));
        await Screenshots.SaveAsync(page, "logout-overridden-by-the-app");
        await page.ClickAsync("button[type=submit]");

        Assert.Equal(_app.Url("/auth/login?done=signed-out"), page.Url);
        Assert.Equal("You are signed out.", (await page.TextContentAsync("[role=status]"))!.Trim());
        await page.GotoAsync(_app.Url("/"));
        Assert.Equal("Not signed in", await page.TextContentAsync("body"));
    }

    [Fact]
    public async Task A_form_posted_from_another_site_is_refused_and_changes_nothing()
    {
        var id = await _app.AddUserAsync(Email);
        var page = await SignedInPageAsync(Email, TestWebApp.Password);
        var sessionKey = await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SessionKey).SingleAsync());

        // The attacker's page, served by the browser's router as if from another site, posts the victim's form without a token.
        await page.RouteAsync("http://attacker.test/**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = $"""
                    <form method="post" action="{_app.Url("/auth/change-password")}">
                      <input name="currentPassword" value="{TestWebApp.Password}"><input name="newPassword" value="{NewPassword}"><input name="confirmPassword" value="{NewPassword}">
                    </form><script>document.forms[0].submit()</script>
                    """,
        }));
        var response = await page.RunAndWaitForResponseAsync(
            () => page.GotoAsync("http://attacker.test/"),
            r => r.Url.EndsWith("/auth/change-password", StringComparison.Ordinal));

        Assert.Equal(400, response.Status);
        Assert.Equal(sessionKey, await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SessionKey).SingleAsync()));
        await page.GotoAsync(_app.Url("/"));
        Assert.Equal($"Signed in as {Email}", await page.TextContentAsync("body"));
    }

    [Fact]
    public async Task Every_form_carries_an_antiforgery_token()
    {
        await _app.AddUserAsync(Email);
        var page = await SignedInPageAsync(Email, TestWebApp.Password);
        foreach (var path in new[] { "/auth/login", "/auth/logout", "/auth/forgot-password", "/auth/change-password", "/auth/reset-password?userKey=1&token=t", "/auth/verify-account?userKey=1&token=t" })
        {
            await page.GotoAsync(_app.Url(path));
            var forms = await page.Locator("form").CountAsync();
            Assert.True(forms > 0, path);
            Assert.Equal(forms, await page.Locator("form input[name=__RequestVerificationToken]").CountAsync());
        }
    }

    private async Task<IPage> NewPageAsync()
    {
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 900, Height = 700 } });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    private async Task<IPage> SignedInPageAsync(string loginId, string password)
    {
        var page = await NewPageAsync();
        await page.GotoAsync(_app.Url("/auth/login"));
        await SignInOnPageAsync(page, loginId, password);
        Assert.Equal($"Signed in as {loginId}", await page.TextContentAsync("body"));
        return page;
    }

    private static async Task SignInOnPageAsync(IPage page, string loginId, string password)
    {
        await page.FillAsync("#loginId", loginId);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }

    private static async Task SetNewPasswordAsync(IPage page, string password)
    {
        await page.FillAsync("#newPassword", password);
        await page.FillAsync("#confirmPassword", password);
        await page.ClickAsync("button[type=submit]");
    }

    private static async Task FillChangeAsync(IPage page, string current, string next, string confirm)
    {
        await page.FillAsync("#currentPassword", current);
        await page.FillAsync("#newPassword", next);
        await page.FillAsync("#confirmPassword", confirm);
        await page.ClickAsync("button[type=submit]");
    }

    private static Task<string> FocusedIdAsync(IPage page) => BrowserFocus.IdAsync(page);
}
