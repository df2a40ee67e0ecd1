using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace KegAuth.AspNetCore.Tests.Databases;

/// <summary>The database a <see cref="TestWebApp"/> runs on: a fresh SQLite file or a fresh PostgreSQL database.</summary>
public abstract class WebDatabase : IDisposable
{
    /// <summary>Points the app's context at this database.</summary>
    public abstract void UseProvider(DbContextOptionsBuilder builder);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected abstract void Dispose(bool disposing);
}

/// <summary>A SQLite file in a temp folder, deleted on dispose.</summary>
public sealed class SqliteWebDatabase : WebDatabase
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kegauth-aspnet-tests", Guid.NewGuid().ToString("N"));
    private readonly string _connectionString;

    public SqliteWebDatabase()
    {
        Directory.CreateDirectory(_folder);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "web.db"), Pooling = false }.ToString();
    }

    public override void UseProvider(DbContextOptionsBuilder builder) => builder.UseSqlite(_connectionString);

    protected override void Dispose(bool disposing)
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file must not fail a test.
        }
    }
}

/// <summary>A new database on the run's PostgreSQL server, dropped on dispose.</summary>
public sealed class PostgresWebDatabase : WebDatabase
{
    private readonly KegAuth.Tests.Databases.PostgresServer _server;
    private readonly string _name = "kegauth_web_" + Guid.NewGuid().ToString("N");
    private readonly string _connectionString;

    public PostgresWebDatabase(KegAuth.Tests.Databases.PostgresServer server)
    {
        _server = server;
        _connectionString = server.CreateDatabase(_name);
    }

    public override void UseProvider(DbContextOptionsBuilder builder) => builder.UseNpgsql(_connectionString);

    protected override void Dispose(bool disposing)
    {
        using (var connection = new NpgsqlConnection(_connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        _server.DropDatabase(_name);
    }
}
