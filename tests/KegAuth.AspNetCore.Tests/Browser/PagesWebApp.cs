using System.Net;
using System.Net.Sockets;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Tests.Browser;

/// <summary>
/// The test app with KegAuth's pages on real Kestrel at a loopback port (a browser cannot reach a
/// TestServer), over a fresh SQLite file, on the real clock. Reset and verification mails are captured;
/// their links point at this app. <c>GET /</c> says who is signed in; <c>GET /reports</c> needs the
/// declared permission <see cref="ReportsView"/>.
/// </summary>
public sealed class PagesWebApp : IAsyncDisposable
{
    /// <summary>The permission the app declares in code (synced at start-up) and <c>/reports</c> needs.</summary>
    public const string ReportsView = "reports.view";

    private readonly WebApplication _app;
    private readonly WebDatabase _database;

    private PagesWebApp(WebApplication app, WebDatabase database, Uri baseUrl)
    {
        _app = app;
        _database = database;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public KegAuthOptions Options => _app.Services.GetRequiredService<IOptions<KegAuthOptions>>().Value;

    /// <summary>An absolute URL of this app.</summary>
    public string Url(string path) => new Uri(BaseUrl, path).AbsoluteUri;

    /// <summary>
    /// Starts the app. With <paramref name="clock"/>, KegAuth and the cookies run on it instead of the real clock (TOTP tests
    /// move it a step on); <paramref name="host"/> names it in URLs (WebAuthn needs a domain such as <c>localhost</c>);
    /// <paramref name="configureKegAuth"/> adds features.
    /// </summary>
    public static async Task<PagesWebApp> StartAsync(TimeProvider? clock = null, string host = "127.0.0.1", Action<KegAuthWebBuilder<WebContext, WebUser>, Uri>? configureKegAuth = null)
    {
        var database = new SqliteWebDatabase();
        var baseUrl = new Uri($"http://{host}:{FreePort()}/");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Development serves the library's static web assets (its stylesheet) from the build output.
            EnvironmentName = Environments.Development,
            ApplicationName = typeof(PagesWebApp).Assembly.GetName().Name,
        });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, baseUrl.Port));
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddSingleton<SentResets>();
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        builder.Services.AddDbContext<WebContext>((provider, options) =>
        {
            database.UseProvider(options);
            options.UseKegAuth(provider.GetRequiredService<IOptions<KegAuthOptions>>().Value);
        });
        var kegAuth = builder.Services.AddKegAuth<WebContext, WebUser>(options =>
            {
                options.SecretKey = TestWebApp.SecretKey;
                options.PasswordWorkFactor = 4;
                options.Lockout.Login.Limit = TestWebApp.LoginLimit;
                options.Lockout.Login.LockoutPeriod = TestWebApp.LockoutPeriod;
                options.PasswordPolicy.RequiredCharacterClasses = 1;
            })
            .AddCookies(cookies =>
            {
                // As the web sample: 401/403 rather than redirects to cookie paths the app lacks.
                cookies.UseStatusCodes = true;
                cookies.ValidationInterval = TimeSpan.Zero;
            })
            .AddSignIn<WebAttempt>()
            .AddPasswordReset<WebAttempt, CapturingResetSender>(reset =>
            {
                reset.PublicBaseUrl = baseUrl;

                // Inline, so the mail is captured before the page answers.
                reset.SendInBackground = false;
            })
            .AddDeclaredPermissions([new KegDeclaredPermission(ReportsView, "View reports")])
            .AddPages();
        configureKegAuth?.Invoke(kegAuth, baseUrl);

        var app = builder.Build();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", (HttpContext http) => http.User.Identity?.IsAuthenticated == true ? $"Signed in as {http.User.Identity.Name}" : "Not signed in");
        app.MapGet("/reports", () => "reports").RequireKegPermissions(ReportsView);
        app.MapKegAuthPages();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WebContext>().Database.EnsureCreatedAsync();
        }

        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            database.Dispose();
            throw;
        }

        return new PagesWebApp(app, database, baseUrl);
    }

    /// <summary>The messages the app would have mailed.</summary>
    public IReadOnlyList<KegPasswordResetMessage<WebUser>> Mails => [.. _app.Services.GetRequiredService<SentResets>().Messages];

    /// <summary>Runs <paramref name="work"/> on a fresh context of the app.</summary>
    public async Task<T> WithDbAsync<T>(Func<WebContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WebContext>());
    }

    /// <summary>Runs <paramref name="work"/> in a request-like scope of the app.</summary>
    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>Saves a verified, enabled user with <see cref="TestWebApp.Password"/>.</summary>
    public Task<int> AddUserAsync(string email) => WithDbAsync(async db =>
    {
        var user = new WebUser { Email = email, IsVerified = true };
        user.SetPassword(TestWebApp.Password, Options);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _database.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
