using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>The web sample's authenticator: set up through its JSON routes (the QR code as SVG), then a two-step sign-in with a recovery code.</summary>
[Collection(AloneCollection.Name)]
public sealed class SampleTotpSmokeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kegauth-sample-totp", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_sample_turns_on_an_authenticator_and_then_asks_for_a_code()
    {
        Directory.CreateDirectory(_folder);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "sample.db"), Pooling = false }.ToString();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:Sqlite", connectionString)
            .UseSetting("KegAuth:PasswordWorkFactor", "4"));
        using var browser = factory.CreateClient();
        const string password = "Battery staple 42!";
        await browser.PostAsJsonAsync("/api/auth/register", new { loginId = "totp", password });
        await browser.PostAsJsonAsync("/api/auth/login", new { loginId = "totp", password });

        var page = await browser.GetStringAsync("/auth/authenticator");
        var begin = JsonDocument.Parse(await (await browser.PostAsJsonAsync("/api/auth/totp/begin", new { })).Content.ReadAsStringAsync()).RootElement;
        Assert.True(KegTotp.TryDecodeSecret(begin.GetProperty("secret").GetString(), out var secret));
        var code = KegTotp.Compute(secret, KegTotp.StepAt(DateTimeOffset.UtcNow));
        var confirm = JsonDocument.Parse(await (await browser.PostAsJsonAsync("/api/auth/totp/confirm", new { code })).Content.ReadAsStringAsync()).RootElement;
        await browser.PostAsJsonAsync("/api/auth/logout", new { });
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { loginId = "totp", password });
        var second = await browser.PostAsJsonAsync("/api/auth/login/second-factor", new { code = confirm.GetProperty("recoveryCodes")[0].GetString() });

        Assert.Contains("Set up an authenticator app", page, StringComparison.Ordinal);
        Assert.StartsWith("otpauth://totp/KegAuth%20sample:totp?", begin.GetProperty("otpAuthUri").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("<svg", begin.GetProperty("qrCodeSvg").GetString()!.TrimStart(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
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
