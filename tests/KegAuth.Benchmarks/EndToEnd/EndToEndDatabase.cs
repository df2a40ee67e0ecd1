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

    /// <summary>Tunes the new schema for bulk seeding and concurrent readers (SQLite: WAL, as a real app would).</summary>
    public void PrepareForLoad(DbContext context)
    {
        if (Kind == EndToEndDatabaseKind.Sqlite)
        {
            // WAL lets readers run while a login writes; the sample's default journal would serialise them.
            context.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
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
