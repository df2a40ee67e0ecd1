using KegAuth.AspNetCore.UI.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Browser;

/// <summary>The admin's user list in a real browser: search, keyset paging, and the <c>auth-manage</c> guard.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class AdminBrowserTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private const string Admin = "admin@example.test";

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
    public async Task An_admin_searches_users_by_login_id_and_pages_through_them()
    {
        await AddAdminAsync();
        await _app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 30; i++)
            {
                var user = new WebUser { Email = $"user-{i:D2}@example.test", IsVerified = true, IsEnabled = i % 7 != 0 };
                user.SetPassword(TestWebApp.Password, _app.Options);
                db.Users.Add(user);
            }

            return await db.SaveChangesAsync();
        });
        var page = await SignedInPageAsync(Admin);

        await page.GotoAsync(_app.Url("/auth/users"));
        var first = await LoginIdsAsync(page);
        Assert.Equal(UsersModel.PageSize, first.Count);
        Assert.Equal([Admin, .. Enumerable.Range(0, UsersModel.PageSize - 1).Select(i => $"user-{i:D2}@example.test")], first);
        await Screenshots.SaveAsync(page, "users-list");

        await page.ClickAsync("#keg-next");
        Assert.Equal(Enumerable.Range(UsersModel.PageSize - 1, 31 - UsersModel.PageSize).Select(i => $"user-{i:D2}@example.test"), await LoginIdsAsync(page));
        Assert.Equal(0, await page.Locator("#keg-next").CountAsync());

        await page.GotoAsync(_app.Url("/auth/users"));
        await page.FillAsync("#search", "user-1");
        await page.ClickAsync("button[type=submit]");
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"user-{i:D2}@example.test"), await LoginIdsAsync(page));
        Assert.Equal("no", (await page.Locator("tbody tr").Nth(4).Locator("td").Nth(1).TextContentAsync())!.Trim());
        await Screenshots.SaveAsync(page, "users-search");
    }

    [Fact]
    public async Task Without_auth_manage_the_users_page_is_forbidden_and_anonymous_visitors_are_refused()
    {
        await _app.AddUserAsync("plain@example.test");
        var page = await SignedInPageAsync("plain@example.test");

        // Chromium shows an empty 4xx as a navigation error; the context's request API sends the same cookies.
        Assert.Equal(403, (await page.APIRequest.GetAsync(_app.Url("/auth/users"))).Status);

        var anonymous = await (await NewContextAsync()).NewPageAsync();
        Assert.Equal(401, (await anonymous.APIRequest.GetAsync(_app.Url("/auth/users"))).Status);
    }

    [Fact]
    public async Task An_admin_who_loses_auth_manage_loses_the_users_page_on_the_next_request()
    {
        var id = await AddAdminAsync();
        var page = await SignedInPageAsync(Admin);
        Assert.Equal(200, (await page.GotoAsync(_app.Url("/auth/users")))!.Status);

        await _app.WithDbAsync(async db =>
        {
            var user = await db.Users.Include(u => u.Permissions).SingleAsync(u => u.Id == id);
            user.Permissions.Clear();
            return await db.SaveChangesAsync();
        });

        // Refused either way: 401 when the save reset the session key and ended the session, 403 were it still valid.
        var next = await page.APIRequest.GetAsync(_app.Url("/auth/users"));
        Assert.Contains(next.Status, new[] { 401, 403 });
        Assert.DoesNotContain("<table", await next.TextAsync(), StringComparison.Ordinal);
    }

    private Task<int> AddAdminAsync() => _app.WithDbAsync(async db =>
    {
        var user = new WebUser { Email = Admin, IsVerified = true };
        user.SetPassword(TestWebApp.Password, _app.Options);
        user.Permissions.Add(new WebPermission { Token = UsersModel.ManagePermission });
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    });

    private async Task<IBrowserContext> NewContextAsync()
    {
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 1000, Height = 700 } });
        _contexts.Add(context);
        return context;
    }

    private async Task<IPage> SignedInPageAsync(string loginId)
    {
        var page = await (await NewContextAsync()).NewPageAsync();
        await page.GotoAsync(_app.Url("/auth/login"));
        await page.FillAsync("#loginId", loginId);
        await page.FillAsync("#password", TestWebApp.Password);
        await page.ClickAsync("button[type=submit]");
        Assert.Equal($"Signed in as {loginId}", await page.TextContentAsync("body"));
        return page;
    }

    private static async Task<List<string>> LoginIdsAsync(IPage page)
        => [.. (await page.Locator("tbody tr td:first-child").AllTextContentsAsync()).Select(t => t.Trim())];
}
