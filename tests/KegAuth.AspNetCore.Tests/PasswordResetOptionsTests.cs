using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>Reset links need the app's public address: start-up refuses to run without a valid one.</summary>
public sealed class PasswordResetOptionsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("/relative")]
    [InlineData("ftp://app.example.test/")]
    public async Task Start_up_fails_naming_PublicBaseUrl_when_it_is_missing_or_not_http(string? url)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(reset =>
            reset.PublicBaseUrl = url is null ? null : new Uri(url, UriKind.RelativeOrAbsolute)));

        Assert.Contains("KegPasswordResetOptions.PublicBaseUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("Host header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_up_fails_on_a_reset_path_that_is_not_a_path()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => StartAsync(reset =>
        {
            reset.PublicBaseUrl = TestWebApp.PublicBaseUrl;
            reset.ResetPasswordPath = "https://evil.example/reset";
        }));

        Assert.Contains("ResetPasswordPath", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://app.example.test/", true)]
    [InlineData("http://10.0.0.5:8080/", true)]
    [InlineData("https://app.example.test/", false)]
    [InlineData("http://localhost:5000/", false)]
    [InlineData("http://127.0.0.1:5000/", false)]
    [InlineData("http://[::1]:5000/", false)]
    public async Task Start_up_warns_once_when_reset_links_would_cross_the_network_over_plain_http(string url, bool warns)
    {
        var log = new CapturedLog();

        await StartAsync(reset => reset.PublicBaseUrl = new Uri(url), log);

        var warnings = log.Entries.Where(e => e.EventId.Id == 1108).ToList();
        Assert.Equal(warns ? 1 : 0, warnings.Count);
        Assert.All(warnings, w => Assert.Equal(("KegAuth.AspNetCore.PasswordReset", LogLevel.Warning, "ResetLinksOverHttp"), (w.Category, w.Level, w.EventId.Name)));
        Assert.All(warnings, w => Assert.Contains(new Uri(url).Host, w.Message, StringComparison.Ordinal));
    }

    private static async Task StartAsync(Action<KegPasswordResetOptions> configure, CapturedLog? log = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (log is not null)
        {
            builder.Logging.AddProvider(log);
        }

        builder.Services.AddSingleton<SentResets>();
        builder.Services.AddDbContext<WebContext>(options => options.UseSqlite("Data Source=:memory:"));
        builder.Services.AddKegAuth<WebContext, WebUser>(options => options.SecretKey = TestWebApp.SecretKey)
            .AddSignIn<WebAttempt>()
            .AddPasswordReset<WebAttempt, CapturingResetSender>(configure);
        await using var app = builder.Build();
        await app.StartAsync();
        await app.StopAsync();
    }
}
