using KegAuth.Benchmarks.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>
/// One empty database for one host: a fresh SQLite file in the temp folder, or a fresh database on the
/// tests' PostgreSQL server (started by the harness itself, never by hand). Deleted or dropped on dispose.
/// </summary>
internal sealed class EndToEndDatabase : IDisposable
{
    private readonly string? _file;
    private readonly string? _postgresName;

    private EndToEndDatabase(EndToEndDatabaseKind kind, string connectionString, string? file, string? postgresName)
    {
        Kind = kind;
        ConnectionString = connectionString;
        _file = file;
        _postgresName = postgresName;
    }

    /// <summary>Which database this is.</summary>
    public EndToEndDatabaseKind Kind { get; }

    /// <summary>The connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>A new empty database named after <paramref name="name"/>.</summary>
    public static EndToEndDatabase Create(EndToEndDatabaseKind kind, string name)
    {
        var unique = $"e2e_{name}_{Environment.ProcessId}";
        if (kind == EndToEndDatabaseKind.Sqlite)
        {
            Directory.CreateDirectory(BenchSetup.Folder);
            var file = Path.Combine(BenchSetup.Folder, unique + ".db");
            DeleteSqlite(file);
            return new EndToEndDatabase(kind, new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString(), file, null);
        }

        BenchPostgres.Server.DropDatabase(unique);
        return new EndToEndDatabase(kind, BenchPostgres.Server.CreateDatabase(unique), null, unique);
    }

    /// <summary>Points <paramref name="options"/> at this database.</summary>
    public void Configure(DbContextOptionsBuilder options)
        => _ = Kind == EndToEndDatabaseKind.Sqlite ? options.UseSqlite(ConnectionString) : options.UseNpgsql(ConnectionString);

    /// <summary>
    /// How many parameters one bulk INSERT may carry. SQLite finds a named parameter by a linear scan of the
    /// statement's names, so binding costs the square of the count: small statements are fastest there (it
    /// is in process, a statement costs no round trip). Npgsql binds by position; there the limit only keeps
    /// under PostgreSQL's 65,535 and the round trips few.
    /// </summary>
    public int BulkParametersPerStatement => Kind == EndToEndDatabaseKind.Sqlite ? 100 : 8_000;

    /// <summary>
    /// Per-connection settings for the bulk seed, or <see langword="null"/>. SQLite: no journal and no sync
    /// (a throwaway file; a crash only loses the run) and a 256 MB page cache, so a million random session
    /// keys go into their unique index in memory instead of thrashing the default 2 MB cache.
    /// </summary>
    public string? SeedConnectionSetup => Kind == EndToEndDatabaseKind.Sqlite
        ? "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
        : null;

    /// <summary>After the seed: SQLite in WAL mode, as a real app would run it, so readers run while a login writes.</summary>
    public void PrepareForLoad(DbContext context)
    {
        if (Kind == EndToEndDatabaseKind.Sqlite)
        {
            context.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");

            // The seed's connection keeps its no-sync, big-cache settings in the pool; the app must not get it.
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Refreshes the planner's statistics after seeding.</summary>
    public void Analyze(DbContext context)
        => context.Database.ExecuteSqlRaw(Kind == EndToEndDatabaseKind.Sqlite ? "ANALYZE;" : "VACUUM ANALYZE;");

    /// <inheritdoc />
    public void Dispose()
    {
        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            DeleteSqlite(_file);
        }

        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            BenchPostgres.Server.DropDatabase(_postgresName);
        }
    }

    private static void DeleteSqlite(string file)
    {
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            File.Delete(file + suffix);
        }
    }
}
