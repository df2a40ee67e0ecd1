using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// A minimal API on a TestServer over a fresh SQLite file, wired with AddKegAuth as an app would be,
/// on a fake clock. Small lockout limits; bcrypt cost 4.
/// </summary>
public sealed class TestWebApp : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";
    public const int LoginLimit = 3;
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(30);

    private readonly string _folder;
    private readonly WebApplication _app;

    private TestWebApp(string folder, WebApplication app, FakeTimeProvider clock)
    {
        _folder = folder;
        _app = app;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public SentResets Resets => _app.Services.GetRequiredService<SentResets>();

    public KegAuthOptions Options => _app.Services.GetRequiredService<IOptions<KegAuthOptions>>().Value;

    public static async Task<TestWebApp> StartAsync(TimeSpan? validationInterval = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kegauth-aspnet-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "web.db"), Pooling = false }.ToString();
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<SentResets>();
        builder.Services.AddDbContext<WebContext>((provider, options) => options
            .UseSqlite(connectionString)
            .UseKegAuth(provider.GetRequiredService<IOptions<KegAuthOptions>>().Value));
        builder.Services.AddKegAuth<WebContext, WebUser>(options =>
            {
                options.SecretKey = "aspnet-test-secret-of-at-least-32-characters";
                options.PasswordWorkFactor = 4;
                options.Lockout.Login.Limit = LoginLimit;
                options.Lockout.Login.LockoutPeriod = LockoutPeriod;
                options.Lockout.Forgot.Limit = LoginLimit;
                options.Lockout.Reset.Limit = LoginLimit;
            })
            .AddApiTokens()
            .AddCookies(cookies =>
            {
                cookies.UseStatusCodes = true;
                cookies.ValidationInterval = validationInterval ?? TimeSpan.Zero;
            })
            .AddSignIn<WebAttempt>()
            .AddPasswordReset<WebAttempt, CapturingResetSender>();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        TestEndpoints.Map(app);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WebContext>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        return new TestWebApp(folder, app, clock);
    }

    /// <summary>A client that keeps cookies, like a browser.</summary>
    public HttpClient Browser()
    {
        var server = _app.GetTestServer();
        return new HttpClient(new CookieContainerHandler { InnerHandler = server.CreateHandler() }) { BaseAddress = server.BaseAddress };
    }

    /// <summary>A client without cookies.</summary>
    public HttpClient Client() => _app.GetTestClient();

    /// <summary>Runs <paramref name="work"/> on a fresh context of the app.</summary>
    public async Task<T> WithDbAsync<T>(Func<WebContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WebContext>());
    }

    /// <summary>Saves an active user with <see cref="Password"/>; returns its id.</summary>
    public Task<int> AddUserAsync(string email, Action<WebUser>? change = null) => WithDbAsync(async db =>
    {
        var user = new WebUser { Email = email, IsVerified = true };
        user.SetPassword(Password, Options);
        change?.Invoke(user);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    });

    /// <summary>Issues and saves an API token for the user; returns it.</summary>
    public Task<string> IssueApiTokenAsync(int userId) => WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Id == userId);
        var token = user.GenerateApiToken(Options);
        await db.SaveChangesAsync();
        return token;
    });

    public static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password)
        => client.PostAsJsonAsync("/login", new LoginRequest(email, password));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
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

public sealed record LoginRequest(string Email, string Password);

public sealed record ForgotRequest(string Email);

public sealed record ResetRequest(string UserKey, string Token, string NewPassword);
