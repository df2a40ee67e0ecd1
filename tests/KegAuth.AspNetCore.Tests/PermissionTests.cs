using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

public sealed class PermissionTests : IAsyncLifetime
{
    private TestWebApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await TestWebApp.StartAsync();
        await _app.WithDbAsync(db =>
        {
            db.Permissions.AddRange(new WebPermission { Token = "reports.view" }, new WebPermission { Token = "reports.export" });
            return db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData("/reports")]
    [InlineData("/attribute")]
    [InlineData("/any-report")]
    public async Task A_user_without_the_permission_gets_403(string path)
    {
        var token = await _app.IssueApiTokenAsync(await _app.AddUserAsync("ada@example.com"));

        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync(path, token)).StatusCode);
    }

    [Theory]
    [InlineData("/reports")]
    [InlineData("/attribute")]
    [InlineData("/any-report")]
    public async Task A_user_with_the_permission_gets_200(string path)
    {
        var token = await UserWithAsync("reports.view");

        Assert.Equal(HttpStatusCode.OK, (await GetAsync(path, token)).StatusCode);
    }

    [Fact]
    public async Task All_of_several_permissions_are_needed_when_all_are_asked_for()
    {
        var one = await UserWithAsync("reports.view");

        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/reports-and-export", one)).StatusCode);
    }

    [Fact]
    public async Task A_permission_through_a_group_counts()
    {
        var id = await _app.AddUserAsync("ada@example.com");
        await _app.WithDbAsync(async db =>
        {
            var group = new WebGroup { Name = "analysts" };
            group.Permissions.Add(await db.Permissions.SingleAsync(p => p.Token == "reports.view"));
            group.Permissions.Add(await db.Permissions.SingleAsync(p => p.Token == "reports.export"));
            group.Users.Add(await db.Users.SingleAsync(u => u.Id == id));
            db.Groups.Add(group);
            return await db.SaveChangesAsync();
        });
        var token = await _app.IssueApiTokenAsync(id);

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/reports-and-export", token)).StatusCode);
    }

    [Fact]
    public async Task A_superuser_gets_200()
    {
        var token = await _app.IssueApiTokenAsync(await _app.AddUserAsync("root@example.com", user => user.IsSuperuser = true));

        Assert.Equal(HttpStatusCode.OK, (await GetAsync("/reports-and-export", token)).StatusCode);
    }

    [Fact]
    public async Task Anonymous_gets_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.Client().GetAsync("/reports")).StatusCode);
    }

    [Fact]
    public async Task A_cookie_session_is_authorised_the_same_way()
    {
        await UserWithAsync("reports.view");
        using var browser = _app.Browser();
        await TestWebApp.LoginAsync(browser, "ada@example.com", TestWebApp.Password);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/reports-and-export")).StatusCode);
    }

    private async Task<string> UserWithAsync(string permission)
    {
        var id = await _app.AddUserAsync("ada@example.com");
        await _app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.Permissions.Add(await db.Permissions.SingleAsync(p => p.Token == permission));
            return await db.SaveChangesAsync();
        });
        return await _app.IssueApiTokenAsync(id);
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string apiToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiToken);
        return await _app.Client().SendAsync(request);
    }
}
