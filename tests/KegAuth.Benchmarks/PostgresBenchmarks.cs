using System.Data.Common;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using KegAuth.Benchmarks.Infrastructure;
using KegAuth.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KegAuth.Benchmarks;

/// <summary>
/// The PostgreSQL server of the benchmarks: the tests' <see cref="PostgresServer"/> (a throwaway server,
/// or <c>KEGAUTH_TEST_POSTGRES</c>), started once per process and stopped at exit. Template databases
/// are built once per process; run these benchmarks with <c>--inProcess</c> so every case shares them.
/// </summary>
public static class BenchPostgres
{
    private static readonly Lazy<PostgresServer> LazyServer = new(PostgresServer.StartOrConnect);
    private static readonly Dictionary<string, string> Templates = [];

    /// <summary>The server.</summary>
    public static PostgresServer Server => LazyServer.Value;

    /// <summary>Options for a database with KegAuth on.</summary>
    public static DbContextOptions<BenchContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<BenchContext>().UseNpgsql(connectionString).UseKegAuth(BenchSetup.Options).Options;

    /// <summary>A connection string to database <paramref name="name"/>.</summary>
    public static string ConnectionString(string name, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(Server.AdminConnectionString) { Database = name, Pooling = pooling }.ToString();

    /// <summary>The template database <paramref name="name"/>, created with the schema and <paramref name="seed"/> the first time.</summary>
    public static string Template(string name, Action<NpgsqlConnection> seed)
    {
        lock (Templates)
        {
            if (Templates.TryGetValue(name, out var existing))
            {
                return existing;
            }

            var database = "bench_" + name.Replace('-', '_') + "_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            Server.DropDatabase(database);
            var connectionString = Server.CreateDatabase(database);
            using (var context = new BenchContext(Options(connectionString)))
            {
                context.Database.EnsureCreated();
            }

            using (var connection = new NpgsqlConnection(connectionString))
            {
                connection.Open();
                seed(connection);
                using var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection);
                analyze.ExecuteNonQuery();
            }

            // A template must have no connections when it is copied.
            NpgsqlConnection.ClearAllPools();
            Templates[name] = database;
            return database;
        }
    }

    /// <summary>Runs one statement on the server's admin database.</summary>
    public static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(Server.AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    /// <summary>Loads rows with text COPY: one line per row, tab-separated.</summary>
    public static void Copy(NpgsqlConnection connection, string table, string columns, IEnumerable<string> lines)
    {
        using var writer = connection.BeginTextImport($"COPY {table} ({columns}) FROM STDIN");
        foreach (var line in lines)
        {
            writer.Write(line);
            writer.Write('\n');
        }
    }
}

/// <summary>
/// Issue 7 item 6, purge: <see cref="PurgeAttemptsBenchmarks"/> on PostgreSQL. Each iteration deletes
/// from a fresh copy (<c>CREATE DATABASE … TEMPLATE</c>, untimed) of a template seeded once per process.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class PostgresPurgeAttemptsBenchmarks
{
    private string _template = null!;
    private string _work = null!;
    private string _connectionString = null!;

    /// <summary>Attempts in the table.</summary>
    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    /// <summary>The filter.</summary>
    [ParamsAllValues]
    public PurgeFilter Filter { get; set; }

    /// <summary>Builds the template.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _template = BenchPostgres.Template($"attempts-{Rows}", connection => BenchPostgres.Copy(
            connection,
            "\"Attempts\"",
            "\"UserInput\", \"DatetimeUtc\", \"AttemptType\", \"IsDuringLockout\", \"Success\", \"SourceIp\"",
            Enumerable.Range(0, Rows).Select(i =>
            {
                var row = AttemptSeed.Row(i, Rows);
                return $"{row.UserInput}\t{row.DatetimeUtc.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)}+00\t{row.Type}\tf\t{(row.Success ? "t" : "f")}\t10.0.0.1";
            })));
        _work = "work_attempts_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        _connectionString = BenchPostgres.ConnectionString(_work, pooling: false);
    }

    /// <summary>A fresh copy of the template.</summary>
    [IterationSetup]
    public void Copy()
    {
        BenchPostgres.Server.DropDatabase(_work);
        BenchPostgres.Admin($"CREATE DATABASE \"{_work}\" TEMPLATE \"{_template}\" STRATEGY = FILE_COPY");
    }

    /// <summary>Drops the copy after the last iteration.</summary>
    [GlobalCleanup]
    public void Cleanup() => BenchPostgres.Server.DropDatabase(_work);

    /// <summary>The hand-written DELETE.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> RawDelete()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return await PurgeAttemptsBenchmarks.RawDeleteAsync(connection, Filter);
    }

    /// <summary>KegAuth's purge.</summary>
    [Benchmark]
    public async Task<int> PurgeAttemptsAsync()
    {
        await using var db = new BenchContext(BenchPostgres.Options(_connectionString));
        return await PurgeAttemptsBenchmarks.Purge(db, Filter);
    }
}

/// <summary>Issue 7 item 6, permissions: <see cref="PermissionBenchmarks"/> on PostgreSQL (both sides query the template directly, read only).</summary>
public class PostgresPermissionBenchmarks : PermissionBenchmarksBase
{
    private string _connectionString = null!;

    /// <inheritdoc/>
    protected override DbContextOptions<BenchContext> Prepare()
    {
        var database = BenchPostgres.Template($"permissions-{Users}", connection =>
        {
            foreach (var table in PermissionSeed.Rows(Users).GroupBy(r => (r.Table, r.Columns)))
            {
                BenchPostgres.Copy(connection, table.Key.Table, table.Key.Columns, table.Select(r => string.Join('\t', r.Values.Select(Text))));
            }
        });
        _connectionString = BenchPostgres.ConnectionString(database);
        return BenchPostgres.Options(_connectionString);

        static string Text(object value) => value switch
        {
            bool b => b ? "t" : "f",
            int i => i.ToString(CultureInfo.InvariantCulture),
            _ => (string)value,
        };
    }

    /// <inheritdoc/>
    protected override DbConnection NewConnection() => new NpgsqlConnection(_connectionString);
}
