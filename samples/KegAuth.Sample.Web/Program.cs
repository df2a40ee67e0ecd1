// KegAuth on ASP.NET Core: KegAuth's pages (login, logout, forgot/reset password, verify account, change
// password, an authenticator app as a second factor at /auth/authenticator) for people, its JSON endpoints for API clients, API tokens, lockout and a permission-protected
// endpoint, on a SQLite file it creates and seeds on first run.
// Run: dotnet run --project samples/KegAuth.Sample.Web, then open the printed URL (it starts on /auth/login).
// Commands: dotnet run --project samples/KegAuth.Sample.Web -- auth --help (create-user, set-password, ...)
// PostgreSQL: set ConnectionStrings__Postgres to a connection string.
// Reset links start with KegAuth:PublicBaseUrl (appsettings.json), never with the request's Host header.
// Telemetry (KegAuth's meter and spans through OpenTelemetry): printed to the console every 10 s by default
// (Telemetry__Console=false turns it off); Telemetry__Prometheus=true serves /metrics for scraping.
// Behind a reverse proxy, add UseForwardedHeaders (with the proxy in KnownProxies) before authentication,
// or every client shares the proxy's address and its attempt limit.
using System.Security.Cryptography;
using KegAuth;
using KegAuth.AspNetCore;
using KegAuth.Sample.Web;
using Microsoft.AspNetCore.DataProtection;
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
var publicBaseUrl = new Uri(builder.Configuration["KegAuth:PublicBaseUrl"] ?? "http://localhost:5000/");
builder.Services.AddKegAuth<SampleDb, User>(options =>
    {
        // A real app keeps this in a secret store; a per-run secret makes reset tokens die on restart.
        options.SecretKey = builder.Configuration["KegAuth:SecretKey"] ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        options.PasswordWorkFactor = builder.Configuration.GetValue("KegAuth:PasswordWorkFactor", KegAuthOptions.DefaultPasswordWorkFactor);
    })
    .AddApiTokens()
    .AddCookies(cookies => cookies.UseStatusCodes = true)
    .AddSignIn<Attempt>()
    .AddPasswordReset<Attempt, ConsoleResetSender>(reset => reset.PublicBaseUrl = publicBaseUrl)

    // Passkeys: add one at /auth/passkeys once signed in, then "Sign in with a passkey" on the login page.
    // The relying party is the public URL's host. WebAuthn refuses an IP address, so a public URL on
    // 127.0.0.1 gets passkeys at localhost (same port): open the sample there to use them.
    .AddPasskeys<SampleDb, User, Attempt>(passkeys =>
    {
        var site = publicBaseUrl.HostNameType == UriHostNameType.Dns ? publicBaseUrl : new UriBuilder(publicBaseUrl) { Host = "localhost" }.Uri;
        passkeys.RelyingPartyId = site.Host;
        passkeys.RelyingPartyName = "KegAuth sample";
        passkeys.Origins.Add(site.GetLeftPart(UriPartial.Authority));
    })
    .AddDeclaredPermissions(SamplePermissions.All)
    .AddPages();

// The name authenticator apps show beside the account after scanning the QR code at /auth/authenticator.
builder.Services.Configure<KegSecondFactorOptions>(secondFactor => secondFactor.Issuer = "KegAuth sample");
builder.AddSampleTelemetry();

// Cookies are encrypted with Data Protection keys. On PostgreSQL the keys live in the database, so
// several nodes behind a load balancer read each other's cookies (no sticky sessions); the SQLite
// sample is one node and keeps the default per-machine key ring.
var dataProtection = builder.Services.AddDataProtection().SetApplicationName("KegAuth.Sample.Web");
if (!string.IsNullOrEmpty(postgres))
{
    dataProtection.PersistKeysToDbContext<SampleDb>();
}

// While the database is away, requests answer 503 with Retry-After instead of 500 (docs/scaling.md).
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<DatabaseUnavailableHandler>();

var app = builder.Build();
app.UseExceptionHandler();
app.UseAuthentication();
app.UseAuthorization();
app.MapSampleTelemetry();

// The pages' stylesheet is a static web asset of KegAuth.AspNetCore.UI (from the build output in any environment).
app.MapStaticAssets();

// KegAuth's pages under /auth: login (with a passkey button), logout, forgot-password, reset-password, verify-account,
// change-password, second-factor (the code step of sign-in), authenticator (set up with a QR code, recovery codes,
// turn off) and passkeys (add, rename, remove).
// To change one, add Areas/KegAuth/Pages/<Name>.cshtml to this project: the app's copy wins.
app.MapKegAuthPages();

app.MapGet("/", (HttpContext http) => http.User.Identity?.IsAuthenticated == true
    ? Results.Text($"Signed in as {http.User.Identity.Name}. Pages: /auth/change-password, /auth/passkeys, /auth/authenticator (scan the QR code to turn on sign-in codes), /auth/logout. API clients: KegAuth's JSON endpoints under /api/auth (register, login, login/second-factor, logout, logout-everywhere, forgot-password, reset-password, verify-account, resend-verification, change-password, api-token, totp/begin, totp/confirm, totp/recovery-codes, totp/disable, passkeys/...; GET me, totp, passkeys); send JSON (Content-Type: application/json). GET /admin/users needs users.view.")
    : Results.Redirect("/auth/login"));

// KegAuth's ready-made JSON endpoints, registration included: problem+json errors, 429 with Retry-After,
// the password policy, cross-site requests refused.
app.MapKegAuthEndpoints(endpoints => endpoints.Endpoints = KegAuthEndpoint.All | KegAuthEndpoint.Register);

app.MapGet("/admin/users", async (SampleDb db) =>
    await db.Users.OrderBy(u => u.Username).Select(u => new { u.Id, u.Username, u.IsEnabled, u.LastLoginUtc }).ToListAsync())
    .RequireKegPermissions(SamplePermissions.UsersView);

await SampleSeed.RunAsync(app.Services);

// `-- auth <command>` runs a KegAuth command against this app's database and exits.
if (await app.RunKegAuthCommandAsync(args) is { } exitCode)
{
    return exitCode;
}

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        Console.WriteLine($"KegAuth sample listening on {url} (sign in at {url.TrimEnd('/')}/auth/login)");
    }
});
await app.RunAsync();
return 0;

/// <summary>Visible to the smoke test's WebApplicationFactory.</summary>
public partial class Program;

