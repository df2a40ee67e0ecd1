using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace KegAuth.Benchmarks.Infrastructure;

/// <summary>Options, contexts and cached SQLite template files shared by the benchmarks.</summary>
public static class BenchSetup
{
    /// <summary>The fixed "now" of every benchmark, so seeded ages and purge cut-offs are stable.</summary>
    public static readonly DateTimeOffset Now = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>KegAuth options on a fixed clock.</summary>
    public static readonly KegAuthOptions Options = new() { SecretKey = "benchmark-secret-key-of-at-least-32-characters", TimeProvider = new FakeTimeProvider(Now) };

    /// <summary>Where template and working files live; kept between runs, keyed by schema and seed version.</summary>
    public static readonly string Folder = Path.Combine(Path.GetTempPath(), "kegauth-bench");

    /// <summary>Options for a SQLite file with KegAuth on.</summary>
    public static DbContextOptions<BenchContext> Sqlite(string connectionString, bool kegAuth = true)
    {
        var builder = new DbContextOptionsBuilder<BenchContext>().UseSqlite(connectionString);
        return (kegAuth ? builder.UseKegAuth(Options) : builder).Options;
    }

    /// <summary>A connection string for <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="readOnly">Open read-only (a shared template that must not change).</param>
    /// <param name="pooling">Pool connections; off for a file that is replaced between iterations.</param>
    public static string ConnectionString(string path, bool readOnly = false, bool pooling = true) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        Pooling = pooling,
    }.ToString();

    /// <summary>
    /// The path of a SQLite template named <paramref name="name"/>, built by <paramref name="seed"/>
    /// (after the schema is created) only when no file for this schema and name exists yet. BenchmarkDotNet
    /// runs each case in its own process, so the file is what makes "built once per run" true.
    /// </summary>
    public static string SqliteTemplate(string name, Action<string> seed)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, $"{name}-{SchemaHash()}.db");
        if (File.Exists(path))
        {
            return path;
        }

        var building = path + "." + Environment.ProcessId + ".tmp";
        File.Delete(building);
        var connectionString = ConnectionString(building, pooling: false);
        using (var context = new BenchContext(Sqlite(connectionString)))
        {
            context.Database.EnsureCreated();
        }

        seed(connectionString);
        File.Move(building, path, overwrite: true);
        return path;
    }

    /// <summary>Copies <paramref name="template"/> over a per-process working file and returns its path.</summary>
    public static string CopyToWorkFile(string template, string tag)
    {
        var path = Path.Combine(Folder, $"work-{tag}-{Environment.ProcessId}.db");
        File.Copy(template, path, overwrite: true);
        return path;
    }

    /// <summary>Short hash of the schema script: a model change builds new templates.</summary>
    private static string SchemaHash()
    {
        using var context = new BenchContext(Sqlite("Data Source=:memory:"));
        var script = context.Database.GenerateCreateScript() + "seed-v1";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(script)))[..12];
    }
}
