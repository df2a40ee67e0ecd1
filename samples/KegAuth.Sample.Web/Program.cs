// KegAuth on ASP.NET Core: a minimal API with cookie login, API tokens, lockout, password reset and
// a permission-protected endpoint, on a SQLite file it creates and seeds on first run.
// Run: dotnet run --project samples/KegAuth.Sample.Web
// PostgreSQL: set ConnectionStrings__Postgres to a connection string.
// Reset links start with KegAuth:PublicBaseUrl (appsettings.json), never with the request's Host header.
// Behind a reverse proxy, add UseForwardedHeaders (with the proxy in KnownProxies) before authentication,
// or every client shares the proxy's address and its attempt limit.
using System.Security.Cryptography;
using KegAuth;
using KegAuth.AspNetCore;
using KegAuth.Sample.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
var postgres = builder.Configuration.GetConnectionString("Postgres");
var sqlite = builder.Configuration.GetConnectionString("Sqlite") ?? "Data Source=kegauth-sample-web.db";

builder.Services.AddDbContext<SampleDb>((services, options) =>
{
    _ = string.IsNullOrEmpty(postgres) ? options.UseSqlite(sqlite) : options.UseNpgsql(postgres);
    options.UseKegAuth(services.GetRequiredService<IOptions<KegAuthOptions>>().Value);
});
builder.Services.AddKegAuth<SampleDb, User>(options =>
    {
        // A real app keeps this in a secret store; a per-run secret makes reset tokens die on restart.
        options.SecretKey = builder.Configuration["KegAuth:SecretKey"] ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        options.PasswordWorkFactor = builder.Configuration.GetValue("KegAuth:PasswordWorkFactor", KegAuthOptions.DefaultPasswordWorkFactor);
    })
    .AddApiTokens()
    .AddCookies(cookies => cookies.UseStatusCodes = true)
    .AddSignIn<Attempt>()
    .AddPasswordReset<Attempt, ConsoleResetSender>(reset =>
        reset.PublicBaseUrl = new Uri(builder.Configuration["KegAuth:PublicBaseUrl"] ?? "http://localhost:5000/"));

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/", () => "KegAuth sample: POST /register, /login, /logout, /logout-everywhere, /forgot-password, /reset-password, /api-token (JSON bodies; send Content-Type: application/json); GET /me, /admin/users");

// Every state-changing endpoint refuses cross-site requests: a cookie alone never suffices.
var api = app.MapGroup("/").RefuseCrossSiteRequests();

api.MapPost("/register", async (Credentials body, SampleDb db, IOptions<KegAuthOptions> options) =>
{
    if (SampleRegistration.Problem(body.Username, body.Password) is { } problem)
    {
        return Results.BadRequest(new { error = problem });
    }

    // Usernames are compared as typed by the database: refuse one that differs from another only in case.
    var lowered = body.Username.ToLowerInvariant();
    if (await db.Users.AnyAsync(u => u.Username.ToLower() == lowered))
    {
        return Results.Conflict(new { error = "That username is taken." });
    }

    var user = new User { Username = body.Username };
    user.SetPassword(body.Password, options.Value);
    db.Users.Add(user);
    await db.SaveChangesAsync();
    return Results.Created("/me", new { user.Id, user.Username });
});

api.MapPost("/login", async (Credentials body, HttpContext http, IKegSignIn<User> signIn) =>
{
    var result = await signIn.PasswordSignInAsync(http, body.Username, body.Password);
    return result.Status switch
    {
        KegSignInStatus.Succeeded => Results.Ok(new { result.User!.Username }),
        KegSignInStatus.LockedOut => Results.Json(new { error = "Too many attempts; try again later." }, statusCode: StatusCodes.Status429TooManyRequests),
        KegSignInStatus.Inactive => Results.Json(new { error = "This account is disabled." }, statusCode: StatusCodes.Status403Forbidden),
        _ => Results.Json(new { error = "Wrong username or password." }, statusCode: StatusCodes.Status401Unauthorized),
    };
});

api.MapPost("/logout", async (HttpContext http, IKegSignIn<User> signIn) =>
{
    await signIn.SignOutAsync(http);
    return Results.NoContent();
});

api.MapPost("/logout-everywhere", async (HttpContext http, IKegSignIn<User> signIn) =>
{
    await signIn.SignOutEverywhereAsync(http);
    return Results.NoContent();
}).RequireAuthorization();

api.MapPost("/forgot-password", async (ForgotPassword body, HttpContext http, IKegPasswordReset<User> reset) =>
    await reset.ForgotPasswordAsync(body.Username, http.Connection.RemoteIpAddress?.ToString()) == KegForgotPasswordStatus.LockedOut
        ? Results.StatusCode(StatusCodes.Status429TooManyRequests)
        : Results.Accepted(value: new { message = "If that account exists, a reset link was sent (see the console)." }));

api.MapPost("/reset-password", async (ResetPassword body, HttpContext http, IKegPasswordReset<User> reset) =>
{
    if (SampleRegistration.PasswordProblem(body.NewPassword) is { } problem)
    {
        return Results.BadRequest(new { error = problem });
    }

    return await reset.ResetPasswordAsync(body.UserKey, body.Token, body.NewPassword, http.Connection.RemoteIpAddress?.ToString()) switch
    {
        KegResetPasswordStatus.Succeeded => Results.Ok(new { message = "Password changed; log in again." }),
        KegResetPasswordStatus.LockedOut => Results.StatusCode(StatusCodes.Status429TooManyRequests),
        KegResetPasswordStatus.PasswordRejected => Results.BadRequest(new { error = "That password cannot be used." }),
        _ => Results.BadRequest(new { error = "The reset link is invalid or expired." }),
    };
});

api.MapPost("/api-token", async (HttpContext http, IKegCurrentUser<User> current, SampleDb db, IOptions<KegAuthOptions> options) =>
{
    var user = await current.GetAsync(http.User);
    if (user is null)
    {
        return Results.Unauthorized();
    }

    // Shown once; only its hash is stored. A new token replaces the old one.
    var token = user.GenerateApiToken(options.Value);
    await db.SaveChangesAsync();
    return Results.Ok(new { token });
}).RequireAuthorization();

app.MapGet("/me", async (HttpContext http, IKegCurrentUser<User> current, SampleDb db) =>
{
    var user = await current.GetAsync(http.User);
    return user is null
        ? Results.Unauthorized()
        : Results.Ok(new { user.Id, user.Username, user.IsSuperuser, permissions = await user.GetAllPermissionTokensAsync(db) });
}).RequireAuthorization();

app.MapGet("/admin/users", async (SampleDb db) =>
    await db.Users.OrderBy(u => u.Username).Select(u => new { u.Id, u.Username, u.IsEnabled, u.LastLoginUtc }).ToListAsync())
    .RequireKegPermissions("users.view");

await SampleSeed.RunAsync(app.Services);
app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"KegAuth sample listening on {url}");
    }
});
await app.RunAsync();

/// <summary>Visible to the smoke test's WebApplicationFactory.</summary>
public partial class Program;

internal sealed record Credentials(string Username, string Password);

internal sealed record ForgotPassword(string Username);

internal sealed record ResetPassword(string UserKey, string Token, string NewPassword);
