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

    private static async Task StartAsync(Action<KegPasswordResetOptions> configure)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
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
