using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>ASP.NET Core Identity's EF stores with the default user type.</summary>
/// <param name="options">The context options.</param>
internal sealed class EndToEndIdentityDb(DbContextOptions<EndToEndIdentityDb> options) : IdentityDbContext<IdentityUser>(options);

/// <summary>
/// ASP.NET Core Identity as a team would pick it instead: <c>AddIdentityApiEndpoints</c> and
/// <c>MapIdentityApi</c>, the default <c>SecurityStampValidator</c> (the stamp re-checked every 30 minutes,
/// not per request), the permission as a user claim checked by a policy. Offers cookie and bearer set-ups.
/// </summary>
internal sealed class EndToEndIdentityHost(WebApplication app, EndToEndDatabase database, IReadOnlyList<EndToEndSetup> setups) : IEndToEndHost
{
    /// <summary>The claim type that carries a permission.</summary>
    private const string PermissionClaim = "permission";

    private const string DeniedLoginId = "denied";

    /// <summary>PBKDF2 rounds: low, as bcrypt cost 4 for KegAuth; hashing is not what is measured.</summary>
    private const int HashIterations = 1_000;

    /// <inheritdoc />
    public IReadOnlyList<EndToEndSetup> Setups => setups;

    /// <summary>Seeds <paramref name="users"/> users into a new database, starts the app and signs users in.</summary>
    /// <param name="kind">The database.</param>
    /// <param name="users">How many users to seed.</param>
    /// <param name="contextPool">Register the context with <c>AddDbContextPool</c> rather than <c>AddDbContext</c>.</param>
    public static async Task<EndToEndIdentityHost> StartAsync(EndToEndDatabaseKind kind, int users, bool contextPool)
    {
        var database = EndToEndDatabase.Create(kind, "identity");
        var builder = EndToEndHost.CreateBuilder();
        if (contextPool)
        {
            builder.Services.AddDbContextPool<EndToEndIdentityDb>(database.Configure);
        }
        else
        {
            builder.Services.AddDbContext<EndToEndIdentityDb>(database.Configure);
        }

        builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = HashIterations);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(EndToEndHost.Permission, policy => policy.RequireClaim(PermissionClaim, EndToEndHost.Permission));
        builder.Services.AddIdentityApiEndpoints<IdentityUser>().AddEntityFrameworkStores<EndToEndIdentityDb>();

        // An API answers 401/403, never a redirect to a login page (KegAuth's UseStatusCodes).
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.Events.OnRedirectToLogin = context => Status(context.Response, StatusCodes.Status401Unauthorized);
            cookie.Events.OnRedirectToAccessDenied = context => Status(context.Response, StatusCodes.Status403Forbidden);
        });

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapIdentityApi<IdentityUser>();
        app.MapGet(EndToEndHost.MePath, (ClaimsPrincipal user) => user.Identity!.Name).RequireAuthorization();
        app.MapGet(EndToEndHost.ProtectedPath, (ClaimsPrincipal user) => user.Identity!.Name).RequireAuthorization(EndToEndHost.Permission);

        EndToEndProgress.Time($"{kind} Identity: schema and {users:N0} users in bulk", () => Seed(app.Services, database, users));
        await EndToEndProgress.TimeAsync($"{kind} Identity: passwords and the permission for the signed-in users", () => GrantAsync(app.Services, users));
        await app.StartAsync();

        var address = EndToEndHost.BoundAddress(app);
        using var client = EndToEndHttp.NewClient(address);
        var cookies = new List<EndToEndCredential>();
        var bearers = new List<EndToEndCredential>();
        var (deniedCookie, deniedBearer) = await EndToEndProgress.TimeAsync($"{kind} Identity: sign-ins", async () =>
        {
            foreach (var index in EndToEndHost.SignedInIndices(users))
            {
                var (cookie, bearer) = await SignInAsync(client, EndToEndHost.LoginId(index));
                cookies.Add(cookie);
                bearers.Add(bearer);
            }

            return await SignInAsync(client, DeniedLoginId);
        });
        return new EndToEndIdentityHost(app, database, [
            new EndToEndSetup("Identity cookie", address, cookies, deniedCookie),
            new EndToEndSetup("Identity bearer", address, bearers, deniedBearer),
        ]);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        database.Dispose();
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>The schema and the users in bulk, with what UserManager itself would store (normalized names, stamps), no password yet.</summary>
    private static void Seed(IServiceProvider services, EndToEndDatabase database, int users)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<EndToEndIdentityDb>();
        db.Database.EnsureCreated();
        EndToEndBulkInsert.Run<IdentityUser>(
            db,
            [
                nameof(IdentityUser.Id), nameof(IdentityUser.UserName), nameof(IdentityUser.NormalizedUserName), nameof(IdentityUser.SecurityStamp),
                nameof(IdentityUser.ConcurrencyStamp), nameof(IdentityUser.EmailConfirmed), nameof(IdentityUser.PhoneNumberConfirmed),
                nameof(IdentityUser.TwoFactorEnabled), nameof(IdentityUser.LockoutEnabled), nameof(IdentityUser.AccessFailedCount),
            ],
            users,
            i =>
            {
                var loginId = EndToEndHost.LoginId(i);
                // Time-ordered ids append to the primary-key index instead of scattering over it (seed speed
                // only: the measured requests never look a user up by id).
                return [Guid.CreateVersion7().ToString("D"), loginId, loginId.ToUpperInvariant(), Guid.NewGuid().ToString("N").ToUpperInvariant(), Guid.NewGuid().ToString("D"), false, false, false, true, 0];
            },
            database.BulkParametersPerStatement,
            database.SeedConnectionSetup);
        database.Analyze(db);
        database.PrepareForLoad(db);
    }

    /// <summary>Passwords and the permission claim for the signed-in users, through UserManager; a user without the claim.</summary>
    private static async Task GrantAsync(IServiceProvider services, int users)
    {
        await using var scope = services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var index in EndToEndHost.SignedInIndices(users))
        {
            var user = await manager.FindByNameAsync(EndToEndHost.LoginId(index)) ?? throw new InvalidOperationException("A seeded user is missing.");
            Check(await manager.AddPasswordAsync(user, EndToEndHost.Password));
            Check(await manager.AddClaimAsync(user, new Claim(PermissionClaim, EndToEndHost.Permission)));
        }

        Check(await manager.CreateAsync(new IdentityUser(DeniedLoginId), EndToEndHost.Password));
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Identity refused the seed: " + string.Join(", ", result.Errors.Select(e => e.Code)));
        }
    }

    /// <summary>Signs in through MapIdentityApi's <c>/login</c>: with <c>useCookies</c> for the cookie, without for the bearer token.</summary>
    private static async Task<(EndToEndCredential Cookie, EndToEndCredential Bearer)> SignInAsync(HttpClient client, string loginId)
    {
        var body = new { email = loginId, password = EndToEndHost.Password };
        using var withCookie = await EndToEndHttp.PostJsonAsync(client, "/login?useCookies=true", body);
        using var withToken = await EndToEndHttp.PostJsonAsync(client, "/login", body);
        return (EndToEndHttp.CookieFrom(withCookie, loginId), await EndToEndHttp.BearerFromAsync(withToken, "accessToken", loginId));
    }
}
