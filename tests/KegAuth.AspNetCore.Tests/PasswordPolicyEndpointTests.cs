using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using KegAuth.AspNetCore.Tests.Databases;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>keg-auth's default password policy at every route that sets a password, every problem listed, on SQLite and PostgreSQL.</summary>
public abstract class PasswordPolicyEndpointTests(Func<WebDatabase> database) : IAsyncLifetime
{
    private const string Ada = "ada@example.com";
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync(
        database(),
        options => options.PasswordPolicy.RequiredCharacterClasses = KegPasswordPolicyOptions.DefaultRequiredCharacterClasses,
        endpoints: KegAuthEndpoint.All | KegAuthEndpoint.Register);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Reset_lists_every_problem_and_leaves_the_token_unspent()
    {
        var id = await _app.AddUserAsync(Ada);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var token = await _app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Id == id).TokenGenerate(_app.Options)));
        using var client = _app.Client();

        var weak = await client.PostAsJsonAsync("/api/auth/reset-password", new { userKey = key, token, newPassword = "ada" });
        var good = await client.PostAsJsonAsync("/api/auth/reset-password", new { userKey = key, token, newPassword = "Correct-Horse-42" });

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var problem = JsonDocument.Parse(await weak.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("password-policy", problem.GetProperty("code").GetString());
        var codes = problem.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()).ToList();
        Assert.Contains("too-short", codes);
        Assert.Contains("too-few-character-classes", codes);
        Assert.Contains("contains-login-id", codes);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
    }

    [Theory]
    [InlineData("password1")]
    [InlineData("P@ssw0rd")]
    public async Task Common_passwords_are_refused_at_change_password(string common)
    {
        await _app.AddUserAsync(Ada);
        using var browser = _app.Browser();
        await browser.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = TestWebApp.Password });

        var response = await browser.PostAsJsonAsync("/api/auth/change-password", new { currentPassword = TestWebApp.Password, newPassword = common });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("common-password", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Register_applies_the_policy_against_the_new_login_id()
    {
        using var client = _app.Client();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { loginId = "grace@example.com", password = "Grace-Hopper-1906" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("contains-login-id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary><see cref="PasswordPolicyEndpointTests"/> on SQLite.</summary>
public sealed class PasswordPolicyEndpointTestsOnSqlite() : PasswordPolicyEndpointTests(() => new SqliteWebDatabase());

/// <summary><see cref="PasswordPolicyEndpointTests"/> on PostgreSQL.</summary>
[Collection(PostgresWebCollection.Name)]
public sealed class PasswordPolicyEndpointTestsOnPostgres(PostgresWebFixture postgres) : PasswordPolicyEndpointTests(postgres.NewDatabase);
