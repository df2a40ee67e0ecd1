using System.Collections.Concurrent;
using System.Net;
using KegAuth.AspNetCore.ApiTokens;
using KegAuth.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// A TestServer app with the API-token scheme alone, for the abuse tests (issue 13 item 4): its
/// options are the test's, its hash checks are counted (and can be held) by <see cref="Checks"/>,
/// its log is captured, and a request chooses its client address with <see cref="ClientHeader"/>.
/// </summary>
public sealed class ApiTokenWebApp : IAsyncDisposable
{
    /// <summary>A test-only header whose value becomes the connection's remote address.</summary>
    public const string ClientHeader = "X-Test-Client";

    private readonly string _folder;
    private readonly WebApplication _app;

    private ApiTokenWebApp(string folder, WebApplication app)
    {
        _folder = folder;
        _app = app;
    }

    internal CountingHashCheck Checks => (CountingHashCheck)_app.Services.GetRequiredService<KegApiTokenHashCheck>();

    public CapturedLog Log => _app.Services.GetRequiredService<CapturedLog>();

    public KegAuthOptions Options => _app.Services.GetRequiredService<IOptions<KegAuthOptions>>().Value;

    public static async Task<ApiTokenWebApp> StartAsync(Action<KegApiTokenOptions> configure)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kegauth-aspnet-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "web.db"), Pooling = false, DefaultTimeout = 60 }.ToString();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var log = new CapturedLog();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(log);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddFilter("KegAuth", LogLevel.Debug);
        builder.Services.AddSingleton(log);

        // Registered first: AddApiTokens adds the real check only if none is there.
        builder.Services.AddSingleton<KegApiTokenHashCheck>(provider => new CountingHashCheck(provider.GetRequiredService<IOptionsMonitor<KegApiTokenOptions>>()));
        builder.Services.AddDbContext<WebContext>((provider, options) => options
            .UseSqlite(connectionString)
            .UseKegAuth(provider.GetRequiredService<IOptions<KegAuthOptions>>().Value));
        builder.Services.AddKegAuth<WebContext, WebUser>(options =>
            {
                options.SecretKey = "api-token-abuse-test-secret-key-of-some-length";
                options.PasswordWorkFactor = 4;
            })
            .AddApiTokens(configure);

        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Headers.TryGetValue(ClientHeader, out var client))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(client.ToString());
            }

            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/me", (HttpContext http) => Results.Ok(new { name = http.User.Identity!.Name })).RequireAuthorization();
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
            throw;
        }

        return new ApiTokenWebApp(folder, app);
    }

    /// <summary>Saves an active user with a fast token hash; returns its API token.</summary>
    public Task<string> AddUserAsync(string email) => WithDbAsync(async db =>
    {
        var user = new WebUser { Email = email, IsVerified = true };
        var apiToken = user.GenerateApiToken(Options);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return apiToken;
    });

    /// <summary>Saves an active user whose token hash is bcrypt, as Python keg-auth writes it; returns its API token.</summary>
    public Task<string> AddLegacyUserAsync(string email) => WithDbAsync(async db =>
    {
        var raw = WebUser.GenerateRawAuthToken();
        db.Users.Add(new WebUser { Email = email, IsVerified = true, Token = PasswordHash.Create(raw, 4) });
        await db.SaveChangesAsync();
        return KegApiTokens.Format(email, raw);
    });

    /// <summary>Gives <paramref name="email"/> a new token, as an app's rotation would; returns the new API token.</summary>
    public Task<string> RotateAsync(string email) => WithDbAsync(async db =>
    {
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var apiToken = user.GenerateApiToken(Options);
        await db.SaveChangesAsync();
        return apiToken;
    });

    /// <summary>The stored token hash of <paramref name="email"/>.</summary>
    public Task<PasswordHash?> StoredTokenAsync(string email) =>
        WithDbAsync(async db => (await db.Users.AsNoTracking().SingleAsync(u => u.Email == email)).Token);

    /// <summary>GET /me with <paramref name="apiToken"/> as a bearer token, from <paramref name="client"/>.</summary>
    public async Task<HttpResponseMessage> GetMeAsync(string apiToken, string client = "192.0.2.1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + apiToken);
        request.Headers.Add(ClientHeader, client);
        return await _app.GetTestClient().SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Checks.Open();
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

    private async Task<T> WithDbAsync<T>(Func<WebContext, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WebContext>());
    }
}

/// <summary>
/// The real hash check, counted: how many fast and bcrypt checks ran, and the most bcrypt checks
/// seen at once. <see cref="Hold"/> makes bcrypt checks wait until <see cref="Open"/>.
/// </summary>
internal sealed class CountingHashCheck(IOptionsMonitor<KegApiTokenOptions> options) : KegApiTokenHashCheck(options)
{
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private int _fast;
    private int _legacy;
    private int _legacyRunning;
    private int _maxLegacyRunning;

    public int Fast => Volatile.Read(ref _fast);

    public int Legacy => Volatile.Read(ref _legacy);

    public int LegacyRunning => Volatile.Read(ref _legacyRunning);

    public int MaxLegacyRunning => Volatile.Read(ref _maxLegacyRunning);

    public int LegacyQueued => (int)(LegacyStatistics?.CurrentQueuedCount ?? 0);

    public void Hold() => _open.Reset();

    public void Open() => _open.Set();

    internal override bool Verify(PasswordHash stored, string rawToken)
    {
        if (stored.IsFastTokenHash)
        {
            Interlocked.Increment(ref _fast);
            return base.Verify(stored, rawToken);
        }

        Interlocked.Increment(ref _legacy);
        var running = Interlocked.Increment(ref _legacyRunning);
        InterlockedMax(ref _maxLegacyRunning, running);
        try
        {
            _open.Wait(TimeSpan.FromMinutes(2));
            return base.Verify(stored, rawToken);
        }
        finally
        {
            Interlocked.Decrement(ref _legacyRunning);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _open.Set();
            _open.Dispose();
        }

        base.Dispose(disposing);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}

/// <summary>Every log entry of the app, with its category, event id, level and message.</summary>
public sealed class CapturedLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    public sealed record LogEntry(string Category, EventId EventId, LogLevel Level, string Message);

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => entries.Enqueue(new LogEntry(category, eventId, logLevel, formatter(state, exception)));
    }
}
