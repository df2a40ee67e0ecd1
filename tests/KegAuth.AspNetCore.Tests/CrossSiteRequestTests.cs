using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// RefuseCrossSiteRequests as a browser would meet it: a signed-in user's cookie rides along with a form
/// another site posts, and must not be enough.
/// </summary>
public sealed class CrossSiteRequestTests : IAsyncLifetime
{
    private TestWebApp _app = null!;
    private HttpClient _browser = null!;

    public async Task InitializeAsync()
    {
        _app = await TestWebApp.StartAsync();
        await _app.AddUserAsync("ada@example.com");
        _browser = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await TestWebApp.LoginAsync(_browser, "ada@example.com", TestWebApp.Password)).StatusCode);
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_form_post_with_the_cookie_is_refused_with_a_problem()
    {
        var response = await _browser.PostAsync("/protected-action", new FormUrlEncodedContent([new("x", "1")]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("cross-site-request", problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData(null)]
    public async Task Other_simple_content_types_and_no_body_are_refused(string? contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/protected-action");
        if (contentType is not null)
        {
            request.Content = new StringContent("{}");
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await _browser.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/problem+json")]
    public async Task A_json_body_from_the_same_site_passes(string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/protected-action") { Content = new StringContent("{}") };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        Assert.Equal(HttpStatusCode.OK, (await _browser.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    public async Task A_json_body_the_browser_marks_as_from_elsewhere_is_refused(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/protected-action") { Content = JsonContent.Create(new { }) };
        request.Headers.TryAddWithoutValidation(header, value);

        Assert.Equal(HttpStatusCode.Forbidden, (await _browser.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task An_origin_naming_the_apps_own_host_passes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/protected-action") { Content = JsonContent.Create(new { }) };
        request.Headers.TryAddWithoutValidation("Origin", "https://localhost:8443");

        Assert.Equal(HttpStatusCode.OK, (await _browser.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task An_api_token_client_needs_no_json_body()
    {
        var token = await _app.IssueApiTokenAsync(1);
        using var api = _app.Client();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/protected-action");
        request.Headers.Add(KegApiTokenOptions.DefaultHeaderName, token);

        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(request)).StatusCode);
    }
}
