using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// A minimal API on a TestServer over a fresh database (SQLite by default, or PostgreSQL), wired with
/// AddKegAuth as an app would be, on a fake clock. Small lockout limits; bcrypt cost 4. A request's
/// client address is taken from the <see cref="ClientIpHeader"/> header (as forwarded headers would set it).
/// </summary>
public sealed class TestWebApp : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";
    public const int LoginLimit = 3;
    public const string ClientIpHeader = "X-Test-Client-Ip";
    public const string SecretKey = "aspnet-test-secret-0123456789-abcdefghijklmnop";
    public static readonly Uri PublicBaseUrl = new("https://app.example.test/");
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(30);

    private readonly WebDatabase _database;
    private readonly WebApplication _app;

    private TestWebApp(WebDatabase database, WebApplication app, FakeTimeProvider clock)
    {
        _database = database;
        _app = app;
        Clock = clock;
    }

    public FakeTimeProvider Clock { get; }

    public SentResets Resets => _app.Services.GetRequiredService<SentResets>();

    public KegAuthOptions Options => _app.Services.GetRequiredService<IOptions<KegAuthOptions>>().Value;

    public IServiceProvider Services => _app.Services;

    public static Task<TestWebApp> StartAsync(TimeSpan? validationInterval = null)
        => StartAsync(new SqliteWebDatabase(), validationInterval: validationInterval);

    /// <summary>
    /// Starts the app on <paramref name="database"/>, which it disposes with itself. With
    /// <paramref name="log"/>, every log entry of the app, Debug and up, goes there;
    /// <paramref name="configureDb"/> adds to the context's options (an interceptor that counts commands).
    /// </summary>
    public static async Task<TestWebApp> StartAsync(
        WebDatabase database, Action<KegAuthOptions>? configure = null, TimeSpan? validationInterval = null, KegAuthEndpoint endpoints = KegAuthEndpoint.All,
        Action<KegAuthWebBuilder<WebContext, WebUser>>? configureKegAuth = null, CapturedLog? log = null, Action<DbContextOptionsBuilder>? configureDb = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));

        var builder = WebApplication.CreateSlimBuilder();

        // Not the web sample's appsettings.json, which the build copies beside the tests.
        builder.Configuration.Sources.Clear();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (log is not null)
        {
            builder.Logging.AddProvider(log);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        }

        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<SentResets>();
        builder.Services.AddDbContext<WebContext>((provider, options) =>
        {
            database.UseProvider(options);
            options.UseKegAuth(provider.GetRequiredService<IOptions<KegAuthOptions>>().Value);
            configureDb?.Invoke(options);
        });
        var kegAuth = builder.Services.AddKegAuth<WebContext, WebUser>(options =>
            {
                options.SecretKey = SecretKey;
                options.PasswordWorkFactor = 4;
                options.Lockout.Login.Limit = LoginLimit;
                options.Lockout.Login.LockoutPeriod = LockoutPeriod;
                options.Lockout.Forgot.Limit = LoginLimit;
                options.Lockout.Reset.Limit = LoginLimit;

                // Readable test passwords ("a brand new passphrase"); the policy's own tests use the defaults.
                options.PasswordPolicy.RequiredCharacterClasses = 1;
                configure?.Invoke(options);
            })
            .AddApiTokens()
            .AddCookies(cookies =>
            {
                cookies.UseStatusCodes = true;
                cookies.ValidationInterval = validationInterval ?? TimeSpan.Zero;
            })
            .AddSignIn<WebAttempt>()
            .AddPasswordReset<WebAttempt, CapturingResetSender>(reset => reset.PublicBaseUrl = PublicBaseUrl);
        configureKegAuth?.Invoke(kegAuth);

        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (System.Net.IPAddress.TryParse(context.Request.Headers[ClientIpHeader].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        TestEndpoints.Map(app);
        app.MapKegAuthEndpoints(options => options.Endpoints = endpoints);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WebContext>().Database.EnsureCreatedAsync();
        }

        await app.StartAsync();
        return new TestWebApp(database, app, clock);
    }

    /// <summary>The reset messages sent so far, once every queued one has reached the sender.</summary>
    public async Task<IReadOnlyList<KegPasswordResetMessage<WebUser>>> SentResetsAsync()
    {
        await _app.Services.GetRequiredService<KegAuth.AspNetCore.PasswordReset.KegResetMessageQueue<WebUser>>().WhenIdleAsync();
        return [.. Resets.Messages];
    }

    /// <summary>Runs an <c>auth</c> command in process, with <paramref name="input"/> as standard input (or a terminal's hidden reads).</summary>
    public async Task<CommandRun> RunCommandAsync(string input, params string[] args) => await RunCommandAsync(input, null, args);

    /// <summary>Runs an <c>auth</c> command in process; <paramref name="terminal"/> answers hidden reads as a terminal would.</summary>
    public async Task<CommandRun> RunCommandAsync(string input, Func<string>? terminal, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new KegAuth.AspNetCore.CommandLine.KegCommandConsole(new StringReader(input), output, error, terminal);
        var exitCode = await _app.RunKegAuthCommandAsync(args, console);
        return new CommandRun(exitCode, output.ToString(), error.ToString());
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
        _database.Dispose();
    }
}

public sealed record LoginRequest(string Email, string Password);

/// <summary>What an <c>auth</c> command did: its exit code (null when the arguments held no command) and its output.</summary>
public sealed record CommandRun(int? ExitCode, string Output, string Error);

public sealed record ForgotRequest(string Email);

public sealed record ResetRequest(string UserKey, string Token, string NewPassword);
