using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Xunit;
using static KegAuth.AspNetCore.Tests.Passkeys.PasskeyHttp;

namespace KegAuth.AspNetCore.Tests.Passkeys;

/// <summary>
/// Attacks on the passkey ceremonies: a replayed response, a challenge from another session or user,
/// an expired challenge, another origin or relying party, a cloned authenticator, and oversized input.
/// One use per challenge is a conditional UPDATE, so these run on both databases.
/// </summary>
public abstract class PasskeyAttackTests(Func<WebDatabase> newDatabase)
{
    private const string Ada = "ada@example.com";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_replayed_sign_in_with_the_same_challenge_cookie_and_response_is_refused(bool counts)
    {
        await using var app = await StartAsync(newDatabase());
        await app.AddUserAsync(Ada);
        using var key = new SoftPasskeyAuthenticator { Counts = counts };
        await RegisterAsync(await SignedInAsync(app, Ada), key);

        // A client without a cookie jar, so the challenge cookie can be sent again after the server deleted it.
        var client = app.Client();
        var options = await PostJsonAsync(client, "/sign-in/options", "{}");
        var challengeCookie = options.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("KegAuth.Passkey.SignIn=", StringComparison.Ordinal)).Split(';')[0];
        var body = $$"""{"credential":{{key.Get(await options.Content.ReadAsStringAsync(), Origin)}}}""";

        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, challengeCookie, body)).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var replay = await SendAsync(client, challengeCookie, body);
        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(counts ? "cloned-authenticator" : "invalid-credentials", await CodeAsync(replay));
    }

    [Fact]
    public async Task Without_user_verification_a_passkey_cannot_replace_an_authenticator_that_is_on()
    {
        await using var app = await StartAsync(newDatabase(), options => options.RequireUserVerification = false);
        await app.AddUserAsync(Ada);
        using var key = new SoftPasskeyAuthenticator { UserVerified = false };
        await RegisterAsync(await SignedInAsync(app, Ada), key);

        // Authenticator app off: a present-only security key is this user's choice of one factor.
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(app.Browser(), key)).StatusCode);

        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync();
            user.TotpEnabled = true;
            await db.SaveChangesAsync();
            return user.Id;
        });
        // A passkey takes one use per challenge issued after its last use: later challenges, later times.
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var refused = await SignInAsync(app.Browser(), key);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("invalid-credentials", await CodeAsync(refused));

        key.UserVerified = true;
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(app.Browser(), key)).StatusCode);
    }

    [Fact]
    public async Task A_response_to_another_sessions_challenge_is_refused()
    {
        await using var app = await StartAsync(newDatabase());
        await app.AddUserAsync(Ada);
        using var key = new SoftPasskeyAuthenticator();
        await RegisterAsync(await SignedInAsync(app, Ada), key);

        var victim = app.Browser();
        var attacker = app.Browser();
        var victimOptions = await OptionsAsync(victim, "sign-in");
        await OptionsAsync(attacker, "sign-in");

        // The attacker holds a response signed over the victim's challenge but only its own challenge cookie.
        var stolen = key.Get(victimOptions, Origin);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonAsync(attacker, "/sign-in", $$"""{"credential":{{stolen}}}""")).StatusCode);

        // Without any challenge cookie at all, too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonAsync(app.Browser(), "/sign-in", $$"""{"credential":{{stolen}}}""")).StatusCode);
    }

    [Fact]
    public async Task A_registration_challenge_issued_to_another_user_or_before_a_rights_change_is_refused()
    {
        await using var app = await StartAsync(newDatabase());
        await app.AddUserAsync(Ada);
        await app.AddUserAsync("eve@example.com");
        using var key = new SoftPasskeyAuthenticator();

        // Eve's session with Ada's registration cookie (copied over) cannot register onto either account.
        var ada = app.Client();
        var adaLogin = await ada.PostAsync("/api/auth/login", Json($$"""{"loginId":"{{Ada}}","password":"{{TestWebApp.Password}}"}"""));
        var adaSession = Cookie(adaLogin, ".AspNetCore.KegAuth.Cookie");
        var adaOptions = await SendAsync(ada, adaSession, "{}", "/register/options");
        var adaChallenge = Cookie(adaOptions, "KegAuth.Passkey.Registration");
        var credential = key.Create(await adaOptions.Content.ReadAsStringAsync(), Origin);

        var eve = app.Client();
        var eveSession = Cookie(await eve.PostAsync("/api/auth/login", Json($$"""{"loginId":"eve@example.com","password":"{{TestWebApp.Password}}"}""")), ".AspNetCore.KegAuth.Cookie");
        var stolen = await SendAsync(eve, eveSession + "; " + adaChallenge, $$"""{"credential":{{credential}}}""", "/register");
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);
        Assert.Equal("invalid-challenge", await CodeAsync(stolen));

        // Ada's own challenge after her rights changed (session key reset elsewhere) is void too.
        adaOptions = await SendAsync(ada, adaSession, "{}", "/register/options");
        adaChallenge = Cookie(adaOptions, "KegAuth.Passkey.Registration");
        credential = key.Create(await adaOptions.Content.ReadAsStringAsync(), Origin);
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == Ada);
            user.ResetSessionKey();
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(ada, adaSession + "; " + adaChallenge, $$"""{"credential":{{credential}}}""", "/register")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<KegPasskey>().CountAsync()));
    }

    [Fact]
    public async Task An_expired_challenge_is_refused()
    {
        await using var app = await StartAsync(newDatabase());
        await app.AddUserAsync(Ada);
        using var key = new SoftPasskeyAuthenticator();
        var ada = await SignedInAsync(app, Ada);
        var credential = key.Create(await OptionsAsync(ada, "register"), Origin);
        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var late = await PostJsonAsync(ada, "/register", $$"""{"credential":{{credential}}}""");
        Assert.Equal("invalid-challenge", await CodeAsync(late));

        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(ada, key)).StatusCode);
        var client = app.Browser();
        var assertion = key.Get(await OptionsAsync(client, "sign-in"), Origin);
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonAsync(client, "/sign-in", $$"""{"credential":{{assertion}}}""")).StatusCode);
    }

    [Fact]
    public async Task A_response_made_on_another_origin_or_for_another_relying_party_is_refused()
    {
        await using var app = await StartAsync(newDatabase());
        await app.AddUserAsync(Ada);
        using var key = new SoftPasskeyAuthenticator();
        var ada = await SignedInAsync(app, Ada);

        var phished = await RegisterAsync(ada, key, origin: "https://app.example.test.evil.example");
        Assert.Equal(HttpStatusCode.BadRequest, phished.StatusCode);
        Assert.Equal("invalid-passkey", await CodeAsync(phished));
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(ada, key)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(app.Browser(), key, origin: "http://app.example.test")).StatusCode);
        var client = app.Browser();
        var otherRp = key.Get(await OptionsAsync(client, "sign-in"), Origin, rpId: "evil.example");
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonAsync(client, "/sign-in", $$"""{"credential":{{otherRp}}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(app.Browser(), key)).StatusCode);
    }

    [Theory]
    [InlineData(3u, true)]
    [InlineData(10u, true)]
    [InlineData(0u, false)]
    public async Task A_sign_count_that_does_not_move_forward_is_refused_as_a_cloned_authenticator(uint presented, bool counts)
    {
        await using var app = await StartAsync(newDatabase());
        await app.AddUserAsync(Ada);
        using var key = new SoftPasskeyAuthenticator();
        await RegisterAsync(await SignedInAsync(app, Ada), key);
        await app.WithDbAsync(db => db.Set<KegPasskey>().ExecuteUpdateAsync(set => set.SetProperty(p => p.SignCount, 10)));

        // The copy reports a count at or below the stored one (Get adds one when counting).
        key.Counts = counts;
        key.SignCount = counts ? presented - 1 : presented;
        var cloned = await SignInAsync(app.Browser(), key);
        Assert.Equal(HttpStatusCode.Unauthorized, cloned.StatusCode);
        Assert.Equal("cloned-authenticator", await CodeAsync(cloned));
        Assert.Equal(10, await app.WithDbAsync(db => db.Set<KegPasskey>().Select(p => p.SignCount).SingleAsync()));

        key.Counts = true;
        key.SignCount = 10;
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(app.Browser(), key)).StatusCode);
        Assert.Equal(11, await app.WithDbAsync(db => db.Set<KegPasskey>().Select(p => p.SignCount).SingleAsync()));
    }

    [Fact]
    public async Task Oversized_or_malformed_input_is_refused_without_an_error()
    {
        await using var app = await StartAsync(newDatabase());
        await app.AddUserAsync(Ada);
        using var key = new SoftPasskeyAuthenticator();
        var ada = await SignedInAsync(app, Ada);

        var huge = await PostJsonAsync(ada, "/register", "{\"credential\":{\"id\":\"" + new string('A', 2_000_000) + "\"}}");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);

        var longName = await RegisterAsync(ada, key, new string('n', 10_000));
        Assert.Equal("invalid-name", await CodeAsync(longName));
        Assert.Equal("invalid-name", await CodeAsync(await RegisterAsync(ada, key, "tab\tname")));

        foreach (var garbage in new[] { "{}", """{"credential":"text"}""", """{"credential":{"rawId":"!!","response":{"attestationObject":"AAAA","clientDataJSON":"AAAA"}}}""" })
        {
            await OptionsAsync(ada, "register");
            Assert.Equal(HttpStatusCode.BadRequest, (await PostJsonAsync(ada, "/register", garbage)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(ada, key)).StatusCode);

        // A credential id longer than WebAuthn allows, and a well-formed response with a corrupted signature.
        var client = app.Browser();
        var assertion = JsonNode.Parse(key.Get(await OptionsAsync(client, "sign-in"), Origin))!;
        var genuine = assertion.ToJsonString();
        assertion["rawId"] = Convert.ToBase64String(new byte[2000]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonAsync(client, "/sign-in", $$"""{"credential":{{assertion.ToJsonString()}}}""")).StatusCode);

        var tampered = JsonNode.Parse(key.Get(await OptionsAsync(client, "sign-in"), Origin))!;
        var signature = tampered["response"]!["signature"]!.GetValue<string>();
        tampered["response"]!["signature"] = (signature[0] == 'A' ? "B" : "A") + signature[1..];
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostJsonAsync(client, "/sign-in", $$"""{"credential":{{tampered.ToJsonString()}}}""")).StatusCode);
        Assert.NotEqual(genuine, tampered.ToJsonString());
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Cookie(HttpResponseMessage response, string name)
        => response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Last(c => c.StartsWith(name, StringComparison.Ordinal) && c.Length > name.Length + 1 && !c.EndsWith('='));

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string cookies, string body, string path = "/sign-in")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Prefix + path) { Content = Json(body) };
        request.Headers.Add("Cookie", cookies);
        return client.SendAsync(request);
    }
}

/// <summary><see cref="PasskeyAttackTests"/> on SQLite.</summary>
public sealed class PasskeyAttackTestsOnSqlite() : PasskeyAttackTests(() => new SqliteWebDatabase());

/// <summary><see cref="PasskeyAttackTests"/> on PostgreSQL.</summary>
[Collection(PostgresWebCollection.Name)]
public sealed class PasskeyAttackTestsOnPostgres(PostgresWebFixture postgres) : PasskeyAttackTests(postgres.NewDatabase);
