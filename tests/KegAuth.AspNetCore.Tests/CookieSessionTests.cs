using System.Net;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

public sealed class CookieSessionTests : IAsyncLifetime
{
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_signed_in_browser_is_recognised_until_it_logs_out()
    {
        await _app.AddUserAsync("ada@example.com");
        using var browser = _app.Browser();

        var login = await TestWebApp.LoginAsync(browser, "ada@example.com", TestWebApp.Password);
        var me = await browser.GetAsync("/claims");
        await browser.PostAsync("/logout", null);
        var afterLogout = await browser.GetAsync("/claims");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterLogout.StatusCode);
    }

    [Fact]
    public async Task A_permission_change_ends_the_session()
    {
        var id = await _app.AddUserAsync("ada@example.com");
        using var browser = _app.Browser();
        await TestWebApp.LoginAsync(browser, "ada@example.com", TestWebApp.Password);
        var before = await browser.GetAsync("/claims");

        // The interceptor resets the session key in the same save.
        await _app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.Permissions.Add(new WebPermission { Token = "reports.view" });
            return await db.SaveChangesAsync();
        });
        var after = await browser.GetAsync("/claims");
        var stillOut = await browser.GetAsync("/claims");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stillOut.StatusCode);
    }

    [Fact]
    public async Task The_session_ends_when_DisabledUtc_passes()
    {
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        await _app.AddUserAsync("ada@example.com", user => user.DisabledUtc = now.AddHours(1));
        using var browser = _app.Browser();
        await TestWebApp.LoginAsync(browser, "ada@example.com", TestWebApp.Password);
        var before = await browser.GetAsync("/claims");

        _app.Clock.Advance(TimeSpan.FromHours(2));
        var after = await browser.GetAsync("/claims");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task The_session_ends_when_the_user_is_disabled()
    {
        var id = await _app.AddUserAsync("ada@example.com");
        using var browser = _app.Browser();
        await TestWebApp.LoginAsync(browser, "ada@example.com", TestWebApp.Password);

        await _app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == id)).IsEnabled = false;
            return await db.SaveChangesAsync();
        });
        var after = await browser.GetAsync("/claims");

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task With_an_interval_the_session_is_rechecked_only_when_it_has_passed()
    {
        await using var app = await TestWebApp.StartAsync(TimeSpan.FromMinutes(5));
        var id = await app.AddUserAsync("ada@example.com");
        using var browser = app.Browser();
        await TestWebApp.LoginAsync(browser, "ada@example.com", TestWebApp.Password);
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == id)).IsEnabled = false;
            return await db.SaveChangesAsync();
        });

        var withinInterval = await browser.GetAsync("/claims");
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var afterInterval = await browser.GetAsync("/claims");

        Assert.Equal(HttpStatusCode.OK, withinInterval.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterInterval.StatusCode);
    }
}
