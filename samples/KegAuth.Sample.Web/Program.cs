// KegAuth on ASP.NET Core: a minimal API with cookie login, API tokens, lockout, password reset and
// a permission-protected endpoint, on a SQLite file it creates and seeds on first run.
// Run: dotnet run --project samples/KegAuth.Sample.Web
// PostgreSQL: set ConnectionStrings__Postgres to a connection string.
using System.Security.Cryptography;
using KegAuth;
using KegAuth.AspNetCore;
using KegAuth.Sample.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

var builder = WebApplication.CreateBuilder(args);
var postgres = builder.Configuration.GetConnectionString("Postgres");
var sqlite = builder.Configuration.GetConnectionString("Sqlite") ?? "Data Source=kegauth-sample-web.db";

builder.Services.AddHttpContextAccessor();
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
    .AddPasswordReset<Attempt, ConsoleResetSender>();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/", () => "KegAuth sample: POST /register, /login, /logout, /forgot-password, /reset-password, /api-token; GET /me, /admin/users");

app.MapPost("/register", async (Credentials body, SampleDb db, IOptions<KegAuthOptions> options) =>
{
    if (string.IsNullOrWhiteSpace(body.Username) || string.IsNullOrEmpty(body.Password))
    {
        return Results.BadRequest(new { error = "Username and password are required." });
    }

    if (await db.Users.AnyAsync(u => u.Username == body.Username))
    {
        return Results.Conflict(new { error = "That username is taken." });
    }

    var user = new User { Username = body.Username };
    user.SetPassword(body.Password, options.Value);
    db.Users.Add(user);
    await db.SaveChangesAsync();
    return Results.Created("/me", new { user.Id, user.Username });
});

app.MapPost("/login", async (Credentials body, HttpContext http, IKegSignIn<User> signIn) =>
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

app.MapPost("/logout", async (HttpContext http, IKegSignIn<User> signIn) =>
{
    await signIn.SignOutAsync(http);
    return Results.NoContent();
});

app.MapPost("/forgot-password", async (ForgotPassword body, HttpContext http, IKegPasswordReset<User> reset) =>
    await reset.ForgotPasswordAsync(body.Username, http.Connection.RemoteIpAddress?.ToString()) == KegForgotPasswordStatus.LockedOut
        ? Results.StatusCode(StatusCodes.Status429TooManyRequests)
        : Results.Accepted(value: new { message = "If that account exists, a reset link was sent (see the console)." }));

app.MapPost("/reset-password", async (ResetPassword body, HttpContext http, IKegPasswordReset<User> reset) =>
{
    if (string.IsNullOrEmpty(body.NewPassword))
    {
        return Results.BadRequest(new { error = "A new password is required." });
    }

    return await reset.ResetPasswordAsync(body.UserKey, body.Token, body.NewPassword, http.Connection.RemoteIpAddress?.ToString()) switch
    {
        KegResetPasswordStatus.Succeeded => Results.Ok(new { message = "Password changed; log in again." }),
        KegResetPasswordStatus.LockedOut => Results.StatusCode(StatusCodes.Status429TooManyRequests),
        _ => Results.BadRequest(new { error = "The reset link is invalid or expired." }),
    };
});

app.MapPost("/api-token", async (HttpContext http, IKegCurrentUser<User> current, SampleDb db, IOptions<KegAuthOptions> options) =>
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
