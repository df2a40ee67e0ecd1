using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Passkeys;

/// <summary>The web sample as its README says: register, add a passkey while signed in, then sign in with the passkey alone.</summary>
[Collection(AloneCollection.Name)]
public sealed class SamplePasskeySmokeTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kegauth-sample-passkey", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_sample_adds_a_passkey_and_signs_in_with_it()
    {
        Directory.CreateDirectory(_folder);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "sample.db"), Pooling = false }.ToString();
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("ConnectionStrings:Sqlite", connectionString)
            .UseSetting("KegAuth:PasswordWorkFactor", "4"));
        using var laptop = factory.CreateClient();
        using var key = new SoftPasskeyAuthenticator();
        const string origin = "http://localhost:5000";

        Assert.Equal(HttpStatusCode.Created, (await laptop.PostAsJsonAsync("/api/auth/register", new { loginId = "keyholder", password = "Battery staple 42!" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await laptop.PostAsJsonAsync("/api/auth/login", new { loginId = "keyholder", password = "Battery staple 42!" })).StatusCode);
        var creation = await (await Post(laptop, "/api/auth/passkeys/register/options", "{}")).Content.ReadAsStringAsync();
        var registered = await Post(laptop, "/api/auth/passkeys/register", $$"""{"credential":{{key.Create(creation, origin)}},"name":"Laptop"}""");
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        using var phone = factory.CreateClient();
        var request = await (await Post(phone, "/api/auth/passkeys/sign-in/options", "{}")).Content.ReadAsStringAsync();
        var signedIn = await Post(phone, "/api/auth/passkeys/sign-in", $$"""{"credential":{{key.Get(request, origin)}}}""");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/api/auth/me")).StatusCode);

        var page = await (await phone.GetAsync("/auth/passkeys")).Content.ReadAsStringAsync();
        Assert.Contains("value=\"Laptop\"", page, StringComparison.Ordinal);
        Assert.Contains("Sign in with a passkey", await factory.CreateClient().GetStringAsync("/auth/login"), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temp folder is cleaned by the system.
        }
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string path, string json)
        => client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
