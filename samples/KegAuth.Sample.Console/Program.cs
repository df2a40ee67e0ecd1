// A walk through KegAuth's user features on a SQLite file (or the PostgreSQL database named by
// KEGAUTH_SAMPLE_POSTGRES): create a user, set and verify a password, issue a reset token, change
// the password with it, and show that the spent token no longer works.
using System.Security.Cryptography;
using KegAuth;
using KegAuth.Sample.Console;
using Microsoft.EntityFrameworkCore;

var postgres = Environment.GetEnvironmentVariable("KEGAUTH_SAMPLE_POSTGRES");
var databasePath = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "kegauth-sample.db");
var options = new KegAuthOptions
{
    // A real app reads this from configuration or a secret store; at least 32 characters, e.g. from
    // `openssl rand -base64 48`. A per-run key is enough here: the sample's tokens live for one run.
    SecretKey = Environment.GetEnvironmentVariable("KEGAUTH_SAMPLE_SECRET") ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
    TokenLifetime = TimeSpan.FromMinutes(30),
    // Cost 10 keeps the sample quick; the default is 12.
    PasswordWorkFactor = 10,
};

var builder = new DbContextOptionsBuilder<SampleDbContext>();
var dbOptions = (string.IsNullOrEmpty(postgres) ? builder.UseSqlite($"Data Source={databasePath}") : builder.UseNpgsql(postgres))
    .UseKegAuth(options)
    .Options;
var databaseName = string.IsNullOrEmpty(postgres) ? databasePath : "PostgreSQL database " + new Npgsql.NpgsqlConnectionStringBuilder(postgres).Database;

await using var db = new SampleDbContext(dbOptions);
var created = await db.Database.EnsureCreatedAsync();
Console.WriteLine($"1. Database {databaseName} {(created ? "created" : "opened")}.");

var email = $"Ada.{Guid.NewGuid():N}@Example.com";
var user = new User { Email = email, DisplayName = "Ada", IsVerified = true };
user.SetPassword("correct horse battery staple", options);
db.Users.Add(user);
await db.SaveChangesAsync();
Console.WriteLine($"2. Created user {user.Id} with login id '{user.LoginId}' (stored lowercased from '{email}').");

var found = await db.Users.SingleAsync(u => u.Email == email.ToUpperInvariant() && u.IsActive);
Console.WriteLine($"3. Found the active user by email in another casing: {found.Email}.");

Console.WriteLine($"4. Password 'correct horse battery staple' verifies: {found.Password!.VerifyPassword("correct horse battery staple")}; 'wrong' verifies: {found.Password.VerifyPassword("wrong")}.");

var token = found.TokenGenerate(options);
Console.WriteLine($"5. Issued a reset token ({token.Length} characters); it verifies: {found.TokenVerify(token, options)}.");

found.ChangePassword(token, "a new passphrase", options);
await db.SaveChangesAsync();
Console.WriteLine($"6. Changed the password with the token; the new password verifies: {found.Password!.Verify("a new passphrase")}.");

Console.WriteLine($"7. The spent token verifies now: {found.TokenVerify(token, options)} (the password hash is part of its salt).");
try
{
    found.ChangePassword(token, "another passphrase", options);
    Console.WriteLine("8. Unexpected: the spent token was accepted.");
    return 1;
}
catch (InvalidTokenException exception)
{
    Console.WriteLine($"8. Reusing it throws {nameof(InvalidTokenException)}: {exception.Message}");
}

var active = await db.Users.CountAsync(u => u.IsActive);
Console.WriteLine($"9. Active users in the database (IsActive evaluated in SQL): {active}.");
return 0;
