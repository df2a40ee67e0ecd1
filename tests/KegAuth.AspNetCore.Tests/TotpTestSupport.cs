using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>An enrolled authenticator: the secret the app holds, and the recovery codes shown once.</summary>
public sealed record TotpEnrolment(byte[] Secret, IReadOnlyList<string> RecoveryCodes);

/// <summary>Two-step sign-in helpers over <see cref="TestWebApp"/>: enrolment in the database, codes from the fake clock, the cookies by hand.</summary>
public static class TotpTestSupport
{
    public const string PendingCookie = ".KegAuth.SecondFactor";
    public const string DeviceCookie = ".KegAuth.Device";
    public const string SessionCookie = ".AspNetCore.KegAuth.Cookie";

    /// <summary>
    /// Turns the user's authenticator on as the model layer does (begin, confirm with the current
    /// code, ten recovery codes), then moves the clock one step on, so the confirming code's step is
    /// behind and sign-in needs a new one, as for a person.
    /// </summary>
    public static async Task<TotpEnrolment> EnrolTotpAsync(this TestWebApp app, int userId)
    {
        var enrolment = await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == userId);
            var started = user.BeginTotpEnrollment("Tests", app.Options);
            Assert.True(KegTotp.TryDecodeSecret(started.Secret, out var secret));
            Assert.True(user.ConfirmTotp(KegTotp.Compute(secret, KegTotp.StepAt(app.Clock.GetUtcNow())), app.Options));
            var codes = user.GenerateRecoveryCodes();
            await db.SaveChangesAsync();
            return new TotpEnrolment(secret, codes);
        });
        app.Clock.Advance(KegTotp.Period);
        return enrolment;
    }

    /// <summary>The code <paramref name="steps"/> time steps from the app's clock.</summary>
    public static string CodeAt(this TestWebApp app, byte[] secret, int steps = 0)
        => KegTotp.Compute(secret, KegTotp.StepAt(app.Clock.GetUtcNow()) + steps);

    public static Task<HttpResponseMessage> SecondFactorAsync(this HttpClient client, string? code, bool rememberDevice = false)
        => client.PostAsJsonAsync("/api/auth/login/second-factor", new { code, rememberDevice });

    public static Task<HttpResponseMessage> PasswordStepAsync(this HttpClient client, string loginId, string password = TestWebApp.Password, bool remember = false)
        => client.PostAsJsonAsync("/api/auth/login", new { loginId, password, remember });

    /// <summary>The value <paramref name="response"/> set for cookie <paramref name="name"/>, or null.</summary>
    public static string? SetCookie(HttpResponseMessage response, string name)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            return null;
        }

        foreach (var value in values)
        {
            if (value.StartsWith(name + "=", StringComparison.Ordinal))
            {
                var end = value.IndexOf(';', StringComparison.Ordinal);
                var cookie = value[(name.Length + 1)..(end < 0 ? value.Length : end)];
                return cookie.Length == 0 ? null : cookie;
            }
        }

        return null;
    }

    /// <summary>A request carrying exactly the cookies given.</summary>
    public static HttpRequestMessage WithCookies(HttpMethod method, string path, object? json, params (string Name, string Value)[] cookies)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", cookies.Select(c => $"{c.Name}={c.Value}")));
        }

        return request;
    }

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response) => JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<string?> ProblemCode(HttpResponseMessage response) => (await JsonOf(response)).GetProperty("code").GetString();
}
