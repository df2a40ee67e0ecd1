using System.Net.Http.Json;
using System.Text;
using KegAuth.AspNetCore.Tests.Databases;

namespace KegAuth.AspNetCore.Tests.Passkeys;

/// <summary>The test app with passkeys for <see cref="RpId"/> at <see cref="Origin"/>, and the JSON calls of the two ceremonies.</summary>
internal static class PasskeyHttp
{
    public const string RpId = "app.example.test";
    public const string Origin = "https://app.example.test";
    public const string Prefix = "/api/auth/passkeys";

    public static Task<TestWebApp> StartAsync(WebDatabase? database = null, Action<KegPasskeyOptions>? configure = null)
        => TestWebApp.StartAsync(database ?? new SqliteWebDatabase(), configureKegAuth: kegAuth => kegAuth.AddPasskeys<WebContext, WebUser, WebAttempt>(options =>
        {
            options.RelyingPartyId = RpId;
            options.Origins.Add(Origin);
            configure?.Invoke(options);
        }));

    /// <summary>A cookie-keeping client signed in with the password.</summary>
    public static async Task<HttpClient> SignedInAsync(TestWebApp app, string email)
    {
        var client = app.Browser();
        var login = await client.PostAsJsonAsync("/api/auth/login", new { loginId = email, password = TestWebApp.Password });
        login.EnsureSuccessStatusCode();
        return client;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string json)
        => client.PostAsync(Prefix + path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<string> OptionsAsync(HttpClient client, string ceremony)
    {
        var response = await PostJsonAsync(client, $"/{ceremony}/options", "{}");
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Both steps of a registration; the answer to the second.</summary>
    public static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, SoftPasskeyAuthenticator authenticator, string name = "Laptop", string origin = Origin)
    {
        var credential = authenticator.Create(await OptionsAsync(client, "register"), origin);
        return await PostJsonAsync(client, "/register", $$"""{"credential":{{credential}},"name":{{System.Text.Json.JsonSerializer.Serialize(name)}}}""");
    }

    /// <summary>Both steps of a sign-in; the answer to the second.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, SoftPasskeyAuthenticator authenticator, string origin = Origin)
    {
        var credential = authenticator.Get(await OptionsAsync(client, "sign-in"), origin);
        return await PostJsonAsync(client, "/sign-in", $$"""{"credential":{{credential}}}""");
    }

    /// <summary>The problem's <c>code</c>.</summary>
    public static async Task<string?> CodeAsync(HttpResponseMessage response)
        => (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).TryGetProperty("code", out var code) ? code.GetString() : null;
}
