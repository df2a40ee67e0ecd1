using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>Starts the web sample on a temp SQLite file, issues an API token through it, and calls /me with it.</summary>
[Collection(AloneCollection.Name)]
public sealed class SampleWebSmokeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kegauth-sample-smoke", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_sample_serves_me_with_an_api_token_it_issued()
    {
        Directory.CreateDirectory(_folder);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "sample.db"), Pooling = false }.ToString();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:Sqlite", connectionString)
            .UseSetting("KegAuth:PasswordWorkFactor", "4"));
        using var browser = factory.CreateClient();

        var register = await browser.PostAsJsonAsync("/api/auth/register", new { loginId = "smoke", password = "Battery staple 42!" });
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { loginId = "smoke", password = "Battery staple 42!" });
        var crossSite = await browser.PostAsync("/api/auth/api-token", new FormUrlEncodedContent([]));
        var issued = await browser.PostAsync("/api/auth/api-token", JsonContent.Create(new { }));
        var token = JsonDocument.Parse(await issued.Content.ReadAsStringAsync()).RootElement.GetProperty("token").GetString();

        using var api = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var me = await api.GetAsync("/api/auth/me");
        var admin = await api.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Created, register.StatusCode);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal("smoke", JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement.GetProperty("loginId").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
    }

    [Fact]
    public async Task The_sample_opens_on_kegauths_login_page_with_its_stylesheet()
    {
        Directory.CreateDirectory(_folder);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "sample.db"), Pooling = false }.ToString();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:Sqlite", connectionString)
            .UseSetting("KegAuth:PasswordWorkFactor", "4"));
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var home = await client.GetAsync("/");
        var login = await client.GetAsync("/auth/login");
        var stylesheet = await client.GetAsync("/_content/KegAuth.AspNetCore.UI/kegauth.css");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/auth/login", home.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var html = await login.Content.ReadAsStringAsync();
        Assert.Contains("autocomplete=\"current-password\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"__RequestVerificationToken\"", html, StringComparison.Ordinal);
        Assert.Contains("/_content/KegAuth.AspNetCore.UI/kegauth.css", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stylesheet.StatusCode);
        Assert.Equal("text/css", stylesheet.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_samples_registration_refuses_look_alike_usernames_and_short_passwords()
    {
        Directory.CreateDirectory(_folder);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "sample.db"), Pooling = false }.ToString();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:Sqlite", connectionString)
            .UseSetting("KegAuth:PasswordWorkFactor", "4"));
        using var client = factory.CreateClient();

        // The seed created "admin".
        var crossSiteForm = await client.PostAsync("/api/auth/register", new FormUrlEncodedContent([new("username", "x")]));
        var caseVariant = await client.PostAsJsonAsync("/api/auth/register", new { loginId = "Admin", password = "A long enough passw0rd" });
        var trailingSpace = await client.PostAsJsonAsync("/api/auth/register", new { loginId = "admin ", password = "A long enough passw0rd" });
        var shortPassword = await client.PostAsJsonAsync("/api/auth/register", new { loginId = "newcomer", password = "x" });
        var tooLongPassword = await client.PostAsJsonAsync("/api/auth/register", new { loginId = "newcomer", password = new string('x', 73) });
        var fine = await client.PostAsJsonAsync("/api/auth/register", new { loginId = "newcomer", password = "A long enough passw0rd" });

        Assert.True(crossSiteForm.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(HttpStatusCode.Conflict, caseVariant.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, trailingSpace.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, shortPassword.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fine.StatusCode);
    }

    [Fact]
    public async Task The_sample_serves_KegAuth_metrics_for_scraping_when_asked()
    {
        Directory.CreateDirectory(_folder);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "sample.db"), Pooling = false }.ToString();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:Sqlite", connectionString)
            .UseSetting("KegAuth:PasswordWorkFactor", "4")
            .UseSetting("Telemetry:Console", "false")
            .UseSetting("Telemetry:Prometheus", "true"));
        using var client = factory.CreateClient();

        var before = await client.GetAsync("/metrics");
        var login = await client.PostAsJsonAsync("/api/auth/login", new { loginId = "admin", password = "not the one-time password" });

        // The exporter answers a scrape from a cache of its last one for a moment: ask until the failure shows.
        // At least one: OpenTelemetry picks meters by name, so other tests' hosts in this process may add to the count.
        var failedLine = new System.Text.RegularExpressions.Regex(@"^kegauth_sign_in_attempts_total\{otel_scope_name=""KegAuth"",result=""failed""\} (\d+)", System.Text.RegularExpressions.RegexOptions.Multiline);
        var metrics = await client.GetStringAsync("/metrics");
        for (var i = 0; i < 50 && !failedLine.IsMatch(metrics); i++)
        {
            await Task.Delay(100);
            metrics = await client.GetStringAsync("/metrics");
        }

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);

        var failed = failedLine.Match(metrics);
        Assert.True(failed.Success, metrics);
        Assert.True(int.Parse(failed.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("kegauth_sign_in_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_setting_the_sample_serves_no_metrics_endpoint()
    {
        Directory.CreateDirectory(_folder);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "sample.db"), Pooling = false }.ToString();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:Sqlite", connectionString)
            .UseSetting("KegAuth:PasswordWorkFactor", "4"));
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/metrics")).StatusCode);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file must not fail a test.
        }
    }
}
