using System.Security.Claims;
using KegAuth.AspNetCore;
using KegAuth.Benchmarks.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>
/// KegAuth wired as the web sample wires it (cookies revalidated on every request, the default; API tokens;
/// sign-in; declared permissions), on the benchmarks' entities. Offers two set-ups: cookie and API token.
/// </summary>
internal sealed class EndToEndKegHost(WebApplication app, EndToEndDatabase database, IReadOnlyList<EndToEndSetup> setups) : IEndToEndHost
{
    /// <inheritdoc />
    public IReadOnlyList<EndToEndSetup> Setups => setups;

    /// <summary>Seeds <paramref name="users"/> users into a new database, starts the app and signs users in.</summary>
    /// <param name="kind">The database.</param>
    /// <param name="users">How many users to seed.</param>
    /// <param name="contextPool">Register the context with <c>AddDbContextPool</c> rather than <c>AddDbContext</c>.</param>
    public static async Task<EndToEndKegHost> StartAsync(EndToEndDatabaseKind kind, int users, bool contextPool)
    {
        var database = EndToEndDatabase.Create(kind, "keg");
        var builder = EndToEndHost.CreateBuilder();
        void Configure(IServiceProvider services, DbContextOptionsBuilder options)
        {
            database.Configure(options);
            options.UseKegAuth(services.GetRequiredService<IOptions<KegAuthOptions>>().Value);
        }

        if (contextPool)
        {
            builder.Services.AddDbContextPool<BenchContext>(Configure);
        }
        else
        {
            builder.Services.AddDbContext<BenchContext>(Configure);
        }

        builder.Services.AddKegAuth<BenchContext, BenchUser>(options =>
            {
                options.SecretKey = "end-to-end-benchmark-secret-key-of-32+-characters";
                options.PasswordWorkFactor = 4;
            })
            .AddApiTokens()
            .AddCookies(cookies => cookies.UseStatusCodes = true)
            .AddSignIn<BenchAttempt>()
            .AddDeclaredPermissions(EndToEndPermissions.All);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapKegAuthEndpoints();
        app.MapGet(EndToEndHost.MePath, (ClaimsPrincipal user) => user.Identity!.Name).RequireAuthorization();
        app.MapGet(EndToEndHost.ProtectedPath, (ClaimsPrincipal user) => user.Identity!.Name).RequireKegPermissions(EndToEndPermissions.UsersView);

        EndToEndProgress.Time($"{kind} KegAuth: schema and {users:N0} users in bulk", () => Seed(app.Services, database, users));
        await app.StartAsync();
        await EndToEndProgress.TimeAsync($"{kind} KegAuth: passwords and the permission for the signed-in users", () => GrantAsync(app.Services, users));

        var address = EndToEndHost.BoundAddress(app);
        using var client = EndToEndHttp.NewClient(address);
        var cookies = new List<EndToEndCredential>();
        var tokens = new List<EndToEndCredential>();
        var (deniedCookie, deniedToken) = await EndToEndProgress.TimeAsync($"{kind} KegAuth: sign-ins", async () =>
        {
            foreach (var index in EndToEndHost.SignedInIndices(users))
            {
                var (cookie, token) = await SignInAsync(client, EndToEndHost.LoginId(index));
                cookies.Add(cookie);
                tokens.Add(token);
            }

            return await SignInAsync(client, DeniedLoginId);
        });
        return new EndToEndKegHost(app, database, [
            new EndToEndSetup("KegAuth cookie", address, cookies, deniedCookie),
            new EndToEndSetup("KegAuth API token", address, tokens, deniedToken),
        ]);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        database.Dispose();
    }

    private const string DeniedLoginId = "denied";

    /// <summary>The schema, the users in bulk (no password yet), and the user without the permission.</summary>
    private static void Seed(IServiceProvider services, EndToEndDatabase database, int users)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchContext>();
        db.Database.EnsureCreated();
        EndToEndBulkInsert.Run<BenchUser>(
            db,
            [nameof(BenchUser.Username), nameof(BenchUser.SessionKey), nameof(BenchUser.IsEnabled), nameof(BenchUser.IsSuperuser)],
            users,
            i => [EndToEndHost.LoginId(i), Guid.NewGuid().ToString("D"), true, false],
            database.BulkParametersPerStatement,
            database.SeedConnectionSetup);
        database.Analyze(db);
        database.PrepareForLoad(db);

        // The session cache's change feed, as a deployment would install it (PostgreSQL's trigger; nothing on SQLite).
        KegUserChangeFeed.InstallAsync<BenchUser>(db).GetAwaiter().GetResult();
    }

    /// <summary>After the permission sync: a group with the permission through a bundle, for the signed-in users; passwords at bcrypt cost 4.</summary>
    private static async Task GrantAsync(IServiceProvider services, int users)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchContext>();
        var options = scope.ServiceProvider.GetRequiredService<IOptions<KegAuthOptions>>().Value;
        var permission = await db.Permissions.SingleAsync(p => p.Token == EndToEndPermissions.UsersView);
        var bundle = new BenchBundle { Name = "Readers", Permissions = { permission } };
        var group = new BenchGroup { Name = "Readers", Bundles = { bundle } };
        var loginIds = EndToEndHost.SignedInIndices(users).Select(EndToEndHost.LoginId).ToList();
        foreach (var user in await db.Users.Where(u => loginIds.Contains(u.Username)).ToListAsync())
        {
            user.SetPassword(EndToEndHost.Password, options);
            user.Groups.Add(group);
        }

        var denied = new BenchUser { Username = DeniedLoginId };
        denied.SetPassword(EndToEndHost.Password, options);
        db.AddRange(bundle, group, denied);
        await db.SaveChangesAsync();
    }

    /// <summary>Signs in through KegAuth's own endpoints: the session cookie, then an API token issued with it.</summary>
    private static async Task<(EndToEndCredential Cookie, EndToEndCredential Token)> SignInAsync(HttpClient client, string loginId)
    {
        using var login = await EndToEndHttp.PostJsonAsync(client, "/api/auth/login", new KegLoginRequest(loginId, EndToEndHost.Password));
        var cookie = EndToEndHttp.CookieFrom(login, loginId);
        using var issued = await EndToEndHttp.PostJsonAsync(client, "/api/auth/api-token", new { }, cookie);
        return (cookie, await EndToEndHttp.BearerFromAsync(issued, "token", loginId));
    }
}
