using BenchmarkDotNet.Attributes;
using KegAuth.Benchmarks.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Benchmarks;

/// <summary>
/// Issue 7 item 1: <c>GetUserForApiTokenAsync</c> on a SQLite file with 10,000 token users, each call
/// with a new context as a request would. The baseline is the same call for a user whose token is
/// stored as keg-auth stores it, bcrypt cost 12; only that user needs the slow hash, since the lookup
/// reads one row by the unique login id. The bcrypt user's hash is replaced in memory on success but
/// never saved, so every call pays the bcrypt check.
/// </summary>
[MemoryDiagnoser]
public class ApiTokenBenchmarks
{
    private const int Users = 10_000;
    private const string RawToken = "b3nchmarkRawTokenB3nchmarkRawT0k";

    private DbContextOptions<BenchContext> _options = null!;
    private string _fastToken = null!;
    private string _bcryptToken = null!;

    /// <summary>Opens the cached template read-only.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var template = BenchSetup.SqliteTemplate("apitokens-10k", Seed);
        _options = BenchSetup.Sqlite(BenchSetup.ConnectionString(template, readOnly: true));
        _fastToken = new BenchUser { Username = "user5000" }.GenerateApiToken(BenchSetup.Options, RawToken);
        _bcryptToken = new BenchUser { Username = "bcrypt" }.GenerateApiToken(BenchSetup.Options, RawToken);
        if (Run(_fastToken).GetAwaiter().GetResult() is null || Run(_bcryptToken).GetAwaiter().GetResult() is null)
        {
            throw new InvalidOperationException("A benchmark token did not authenticate.");
        }
    }

    /// <summary>keg-auth's check: bcrypt cost 12.</summary>
    [Benchmark(Baseline = true)]
    public Task<BenchUser?> Bcrypt12() => Run(_bcryptToken);

    /// <summary>KegAuth's fast token hash.</summary>
    [Benchmark]
    public Task<BenchUser?> FastHash() => Run(_fastToken);

    private async Task<BenchUser?> Run(string apiToken)
    {
        await using var db = new BenchContext(_options);
        return await BenchUser.GetUserForApiTokenAsync(db.Users, apiToken);
    }

    private static void Seed(string connectionString)
    {
        using var db = new BenchContext(BenchSetup.Sqlite(connectionString));
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var i = 0; i < Users; i++)
        {
            var user = new BenchUser { Username = "user" + i };
            user.Token = PasswordHash.CreateForToken(RawToken + (i == 5000 ? string.Empty : i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            db.Users.Add(user);
        }

        db.Users.Add(new BenchUser { Username = "bcrypt", Token = PasswordHash.Create(RawToken, workFactor: 12) });
        db.SaveChanges();
        SqliteConnection.ClearAllPools();
    }
}
