using System.Text.RegularExpressions;
using KegAuth.AspNetCore.UI.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Browser;

/// <summary>
/// The admin's changes in a real browser: creating, editing, verifying and deleting users; groups,
/// bundles and permissions; grants that change a user's access on the next request; the guard and
/// the antiforgery check on every admin page.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class AdminManagementBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Admin = "admin@example.test";
    private const string Plain = "plain@example.test";
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
    public async Task An_admin_creates_a_user_who_gets_the_verification_mail_verifies_and_signs_in()
    {
        await AddAdminAsync(Admin);
        var admin = await SignedInPageAsync(Admin);
        await admin.GotoAsync(_app.Url("/auth/users"));
        await admin.ClickAsync("#keg-create");
        Assert.Equal("loginId", await FocusedIdAsync(admin));
        await Screenshots.SaveAsync(admin, "user-create");

        await admin.FillAsync("#loginId", "grace@example.test");
        await admin.ClickAsync("button[type=submit]");
        Assert.Matches(new Regex(@"/auth/users/edit/\d+\?done=created-mailed$"), admin.Url);
        Assert.Equal("The user was created and a verification mail sent.", (await admin.TextContentAsync("[role=status]"))!.Trim());
        Assert.Equal("no", (await admin.TextContentAsync("#keg-verified"))!.Trim());
        var mail = Assert.Single(_app.Mails);
        Assert.Equal(KegMailKind.VerifyAccount, mail.Kind);
        Assert.Equal("grace@example.test", mail.User.Email);

        // Resend goes through the same flow as the endpoint: a second verification mail.
        await admin.ClickAsync("#keg-resend");
        Assert.Equal("A verification mail was sent.", (await admin.TextContentAsync("[role=status]"))!.Trim());
        Assert.Equal(2, _app.Mails.Count);
        Assert.Equal(KegMailKind.VerifyAccount, _app.Mails[1].Kind);
        await Screenshots.SaveAsync(admin, "user-edit");

        // A login id that differs only in case is taken: the error sits next to the field, which has the focus.
        await admin.GotoAsync(_app.Url("/auth/users/create"));
        await admin.FillAsync("#loginId", "Grace@Example.test");
        await admin.ClickAsync("button[type=submit]");
        Assert.Equal("A user with this login id exists.", (await admin.TextContentAsync("#loginId-errors"))!.Trim());
        Assert.Equal("loginId", await FocusedIdAsync(admin));
        Assert.Equal(2, _app.Mails.Count);

        var newcomer = await NewPageAsync();
        await newcomer.GotoAsync(_app.Mails[1].Url.AbsoluteUri);
        await newcomer.FillAsync("#newPassword", NewPassword);
        await newcomer.FillAsync("#confirmPassword", NewPassword);
        await newcomer.ClickAsync("button[type=submit]");
        Assert.Equal(_app.Url("/auth/login?done=verified"), newcomer.Url);
        await SignInOnPageAsync(newcomer, "grace@example.test", NewPassword);
        Assert.Equal("Signed in as grace@example.test", await newcomer.TextContentAsync("body"));
    }

    [Fact]
    public async Task Granting_a_permission_changes_the_users_access_on_the_next_request_and_revoking_ends_it()
    {
        await AddAdminAsync(Admin);
        var id = await _app.AddUserAsync(Plain);
        var user = await SignedInPageAsync(Plain);
        Assert.Equal(403, await StatusAsync(user, "/reports"));

        var admin = await SignedInPageAsync(Admin);
        await admin.GotoAsync(_app.Url($"/auth/users/edit/{id}"));
        await admin.GetByLabel(PagesWebApp.ReportsView, new() { Exact = true }).CheckAsync();
        await admin.ClickAsync("#keg-user-form button[type=submit]");
        Assert.Equal("Your changes were saved.", (await admin.TextContentAsync("[role=status]"))!.Trim());
        Assert.True(await admin.GetByLabel(PagesWebApp.ReportsView, new() { Exact = true }).IsCheckedAsync());

        // The save changed the user's rights, so KegAuth reset the session key: the old session ends on
        // its next request, and the next sign-in carries the new permission.
        Assert.Equal(401, await StatusAsync(user, "/reports"));
        await SignInAgainAsync(user, Plain);
        Assert.Equal(200, await StatusAsync(user, "/reports"));

        await admin.GetByLabel(PagesWebApp.ReportsView, new() { Exact = true }).UncheckAsync();
        await admin.ClickAsync("#keg-user-form button[type=submit]");
        Assert.Equal(401, await StatusAsync(user, "/reports"));
        await SignInAgainAsync(user, Plain);
        Assert.Equal(403, await StatusAsync(user, "/reports"));
    }

    [Fact]
    public async Task A_disabled_from_date_in_the_past_ends_the_users_access_and_clearing_it_restores_it()
    {
        await AddAdminAsync(Admin);
        var id = await _app.AddUserAsync(Plain);
        var user = await SignedInPageAsync(Plain);
        Assert.Equal(403, await StatusAsync(user, "/reports"));
        var admin = await SignedInPageAsync(Admin);
        await admin.GotoAsync(_app.Url($"/auth/users/edit/{id}"));
        Assert.Equal("Disabled from (UTC, optional)", (await admin.TextContentAsync("label[for=disabledUtc]"))!.Trim());

        await admin.FillAsync("#disabledUtc", "2020-01-02T03:04");
        await admin.ClickAsync("#keg-user-form button[type=submit]");
        Assert.Equal("2020-01-02T03:04", await admin.InputValueAsync("#disabledUtc"));
        Assert.Equal(new DateTime(2020, 1, 2, 3, 4, 0, DateTimeKind.Utc), await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisabledUtc).SingleAsync()));

        // The cookie is checked against the user's active state on every request: 403 (signed in) became 401.
        Assert.Equal(401, await StatusAsync(user, "/reports"));

        await admin.FillAsync("#disabledUtc", "");
        await admin.ClickAsync("#keg-user-form button[type=submit]");
        Assert.Null(await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisabledUtc).SingleAsync()));
        await SignInAgainAsync(user, Plain);
    }

    [Fact]
    public async Task An_admin_who_loses_auth_manage_on_the_admin_pages_loses_them_on_the_next_request()
    {
        await AddAdminAsync(Admin);
        var otherId = await AddAdminAsync("second@example.test");
        var other = await SignedInPageAsync("second@example.test");
        Assert.Equal(200, await StatusAsync(other, "/auth/users"));

        var admin = await SignedInPageAsync(Admin);
        await admin.GotoAsync(_app.Url($"/auth/users/edit/{otherId}"));
        await admin.GetByLabel(UsersModel.ManagePermission, new() { Exact = true }).UncheckAsync();
        await admin.ClickAsync("#keg-user-form button[type=submit]");

        Assert.Equal(401, await StatusAsync(other, "/auth/users"));
        await SignInAgainAsync(other, "second@example.test");
        Assert.Equal(403, await StatusAsync(other, "/auth/users"));
        Assert.Equal(200, await StatusAsync(admin, "/auth/users"));
    }

    [Fact]
    public async Task Groups_and_bundles_are_created_assigned_renamed_and_deleted_and_users_get_their_permissions()
    {
        await AddAdminAsync(Admin);
        var id = await _app.AddUserAsync(Plain);
        var admin = await SignedInPageAsync(Admin);

        await admin.GotoAsync(_app.Url("/auth/bundles"));
        await admin.FillAsync("#name", "Reporting");
        await admin.ClickAsync("#keg-create-form button[type=submit]");
        Assert.Matches(new Regex(@"/auth/bundles/edit/\d+\?done=created$"), admin.Url);
        await admin.GetByLabel(PagesWebApp.ReportsView, new() { Exact = true }).CheckAsync();
        await admin.ClickAsync("#keg-edit-form button[type=submit]");
        Assert.Equal("Your changes were saved.", (await admin.TextContentAsync("[role=status]"))!.Trim());

        await admin.GotoAsync(_app.Url("/auth/groups"));
        await admin.FillAsync("#name", "Analysts");
        await admin.ClickAsync("#keg-create-form button[type=submit]");
        await admin.FillAsync("#name", "Report readers");
        await admin.GetByLabel("Reporting", new() { Exact = true }).CheckAsync();
        await admin.ClickAsync("#keg-edit-form button[type=submit]");
        Assert.Equal("Report readers", await admin.InputValueAsync("#name"));
        await Screenshots.SaveAsync(admin, "group-edit");

        await admin.GotoAsync(_app.Url($"/auth/users/edit/{id}"));
        await admin.GetByLabel("Report readers", new() { Exact = true }).CheckAsync();
        await admin.ClickAsync("#keg-user-form button[type=submit]");
        var user = await SignedInPageAsync(Plain);
        Assert.Equal(200, await StatusAsync(user, "/reports"));

        // A group name in use is refused next to the field.
        await admin.GotoAsync(_app.Url("/auth/groups"));
        await admin.FillAsync("#name", "Report readers");
        await admin.ClickAsync("#keg-create-form button[type=submit]");
        Assert.Equal("A group with this name exists.", (await admin.TextContentAsync("#name-errors"))!.Trim());
        Assert.Equal("name", await FocusedIdAsync(admin));
        await admin.GotoAsync(_app.Url("/auth/groups?search=Rep"));
        Assert.Equal(["Report readers"], await FirstColumnAsync(admin));
        await Screenshots.SaveAsync(admin, "groups");
        await admin.GotoAsync(_app.Url("/auth/bundles"));
        await Screenshots.SaveAsync(admin, "bundles");

        // Deleting the bundle (confirmed) takes the permission away: the user's session ends, and signing in again gives 403.
        await admin.ClickAsync("text=Reporting");
        await admin.ClickAsync("#keg-delete");
        Assert.Contains("Delete the bundle Reporting?", await admin.TextContentAsync("#keg-confirm"));
        await admin.ClickAsync("button:has-text('Delete Reporting')");
        Assert.Equal(_app.Url("/auth/bundles?done=deleted"), admin.Url);
        Assert.Equal("The bundle was deleted.", (await admin.TextContentAsync("[role=status]"))!.Trim());
        Assert.Equal(0, await _app.WithDbAsync(db => db.Bundles.CountAsync()));
        Assert.Equal(401, await StatusAsync(user, "/reports"));
        await SignInAgainAsync(user, Plain);
        Assert.Equal(403, await StatusAsync(user, "/reports"));
    }

    [Fact]
    public async Task Permissions_declared_in_code_are_read_only_and_others_are_created_edited_and_deleted()
    {
        await AddAdminAsync(Admin);
        var admin = await SignedInPageAsync(Admin);
        await admin.GotoAsync(_app.Url("/auth/permissions"));
        var rows = await admin.Locator("tbody tr").AllTextContentsAsync();
        Assert.Contains(rows, r => r.Contains(PagesWebApp.ReportsView, StringComparison.Ordinal) && r.Contains("View reports", StringComparison.Ordinal) && r.TrimEnd().EndsWith("yes", StringComparison.Ordinal));
        await Screenshots.SaveAsync(admin, "permissions");

        // A declared token cannot be created again here...
        await admin.FillAsync("#name", PagesWebApp.ReportsView);
        await admin.ClickAsync("#keg-create-form button[type=submit]");
        Assert.Contains("declared in the application's code", await admin.TextContentAsync("#name-errors"));

        // ...its page shows it without a form or a delete link, and its delete page offers no button.
        await admin.GotoAsync(_app.Url("/auth/permissions"));
        await admin.ClickAsync($"text={PagesWebApp.ReportsView}");
        Assert.NotNull(await admin.QuerySelectorAsync("#keg-declared"));
        Assert.Equal(0, await admin.Locator("form[method=post]").CountAsync());
        Assert.Equal(0, await admin.Locator("#keg-delete").CountAsync());
        await Screenshots.SaveAsync(admin, "permission-declared");
        var declaredKey = admin.Url.Split('/')[^1];
        await admin.GotoAsync(_app.Url($"/auth/permissions/delete/{declaredKey}"));
        Assert.Equal(0, await admin.Locator("form[method=post]").CountAsync());

        await admin.GotoAsync(_app.Url("/auth/permissions"));
        await admin.FillAsync("#name", "exports.run");
        await admin.FillAsync("#description", "Run exports");
        await admin.ClickAsync("#keg-create-form button[type=submit]");
        await admin.FillAsync("#name", "exports.start");
        await admin.ClickAsync("#keg-edit-form button[type=submit]");
        Assert.Equal("Run exports", await _app.WithDbAsync(db => db.Permissions.Where(p => p.Token == "exports.start").Select(p => p.Description).SingleAsync()));
        await admin.ClickAsync("#keg-delete");
        await admin.ClickAsync("button:has-text('Delete exports.start')");
        Assert.Equal(_app.Url("/auth/permissions?done=deleted"), admin.Url);
        Assert.False(await _app.WithDbAsync(db => db.Permissions.AnyAsync(p => p.Token.StartsWith("exports."))));
        Assert.True(await _app.WithDbAsync(db => db.Permissions.AnyAsync(p => p.Token == PagesWebApp.ReportsView)));
    }

    [Fact]
    public async Task A_user_is_deleted_only_after_the_confirmation_and_an_admin_cannot_delete_themselves()
    {
        var adminId = await AddAdminAsync(Admin);
        var id = await _app.AddUserAsync(Plain);
        var admin = await SignedInPageAsync(Admin);
        await admin.GotoAsync(_app.Url("/auth/users"));
        await admin.ClickAsync($"text={Plain}");
        await admin.ClickAsync("#keg-delete");
        Assert.Equal(_app.Url($"/auth/users/delete/{id}"), admin.Url);
        Assert.Contains($"Delete the user {Plain}?", await admin.TextContentAsync("#keg-confirm"));
        await Screenshots.SaveAsync(admin, "user-delete");

        // Showing the confirmation deleted nothing.
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == id)));
        await admin.ClickAsync($"button:has-text('Delete {Plain}')");
        Assert.Equal(_app.Url("/auth/users?done=deleted"), admin.Url);
        Assert.Equal("The user was deleted.", (await admin.TextContentAsync("[role=status]"))!.Trim());
        Assert.False(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == id)));
        Assert.Equal(404, await StatusAsync(admin, $"/auth/users/edit/{id}"));

        await admin.GotoAsync(_app.Url($"/auth/users/delete/{adminId}"));
        await admin.ClickAsync($"button:has-text('Delete {Admin}')");
        Assert.Equal("You cannot delete your own account here.", (await admin.TextContentAsync("[role=alert]"))!.Trim());
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == adminId)));
    }

    [Fact]
    public async Task Without_auth_manage_every_admin_page_answers_403_and_anonymous_visitors_401()
    {
        var id = await _app.AddUserAsync(Plain);
        var groupId = await _app.WithDbAsync(async db =>
        {
            var group = new WebGroup { Name = "Staff" };
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            return group.Id;
        });
        var user = await SignedInPageAsync(Plain);
        var anonymous = await NewPageAsync();
        var pages = AdminPages(id, groupId).ToList();
        foreach (var path in pages)
        {
            Assert.True(403 == await StatusAsync(user, path), path);
            Assert.True(401 == await StatusAsync(anonymous, path), path);
        }

        // A POST is refused by the guard before anything is read or changed.
        var post = await user.APIRequest.PostAsync(_app.Url($"/auth/users/delete/{id}"), new() { Form = user.APIRequest.CreateFormData() });
        Assert.Equal(403, post.Status);
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == id)));
    }

    [Fact]
    public async Task Every_admin_form_carries_an_antiforgery_token_and_a_cross_site_post_is_refused()
    {
        await AddAdminAsync(Admin);
        var id = await _app.AddUserAsync(Plain);
        var groupId = await _app.WithDbAsync(async db =>
        {
            var group = new WebGroup { Name = "Staff" };
            db.Groups.Add(group);
            await db.SaveChangesAsync();
            return group.Id;
        });
        var admin = await SignedInPageAsync(Admin);
        foreach (var path in AdminPages(id, groupId))
        {
            Assert.Equal(200, (await admin.GotoAsync(_app.Url(path)))!.Status);
            var forms = await admin.Locator("form[method=post]").CountAsync();
            // The user list's only form is its GET search.
            Assert.True(forms > 0 || path == "/auth/users", path);
            Assert.Equal(forms, await admin.Locator("form[method=post] input[name=__RequestVerificationToken]").CountAsync());
        }

        // The attacker's page, as if from another site, posts the delete confirmation without a token.
        await admin.RouteAsync("http://attacker.test/**", route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = $"""<form method="post" action="{_app.Url($"/auth/users/delete/{id}")}"></form><script>document.forms[0].submit()</script>""",
        }));
        var response = await admin.RunAndWaitForResponseAsync(
            () => admin.GotoAsync("http://attacker.test/"),
            r => r.Url.EndsWith($"/auth/users/delete/{id}", StringComparison.Ordinal));
        // The session cookie is SameSite=Lax (cookie authentication's default), so the cross-site POST
        // arrives without a session and the auth-manage guard refuses it before antiforgery is asked.
        Assert.Equal(401, response.Status);
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == id)));

        // The same POST from the admin's own browser, with the session cookie but no token, is refused too.
        var tokenless = await admin.APIRequest.PostAsync(_app.Url($"/auth/users/delete/{id}"), new() { Form = admin.APIRequest.CreateFormData() });
        Assert.Equal(400, tokenless.Status);
        Assert.True(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.Id == id)));
    }

    private static IEnumerable<string> AdminPages(int userId, int groupId) =>
    [
        "/auth/users", "/auth/users/create", $"/auth/users/edit/{userId}", $"/auth/users/delete/{userId}",
        "/auth/groups", $"/auth/groups/edit/{groupId}", $"/auth/groups/delete/{groupId}",
        "/auth/bundles", "/auth/permissions",
    ];

    private Task<int> AddAdminAsync(string loginId) => _app.WithDbAsync(async db =>
    {
        var manage = await db.Permissions.SingleOrDefaultAsync(p => p.Token == UsersModel.ManagePermission)
                     ?? new WebPermission { Token = UsersModel.ManagePermission };
        var user = new WebUser { Email = loginId, IsVerified = true };
        user.SetPassword(TestWebApp.Password, _app.Options);
        user.Permissions.Add(manage);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    });

    private async Task<IPage> NewPageAsync()
    {
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 700 } });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    private async Task<IPage> SignedInPageAsync(string loginId)
    {
        var page = await NewPageAsync();
        await SignInAgainAsync(page, loginId);
        return page;
    }

    private async Task SignInAgainAsync(IPage page, string loginId)
    {
        await page.GotoAsync(_app.Url("/auth/login"));
        await SignInOnPageAsync(page, loginId, TestWebApp.Password);
        Assert.Equal($"Signed in as {loginId}", await page.TextContentAsync("body"));
    }

    private static async Task SignInOnPageAsync(IPage page, string loginId, string password)
    {
        await page.FillAsync("#loginId", loginId);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
    }

    // Chromium shows an empty 4xx as a navigation error; the context's request API sends the same cookies.
    private async Task<int> StatusAsync(IPage page, string path) => (await page.APIRequest.GetAsync(_app.Url(path))).Status;

    private static async Task<List<string>> FirstColumnAsync(IPage page)
        => [.. (await page.Locator("tbody tr td:first-child").AllTextContentsAsync()).Select(t => t.Trim())];

    private static Task<string> FocusedIdAsync(IPage page) => BrowserFocus.IdAsync(page);
}
