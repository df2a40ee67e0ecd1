using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KegAuth.Tests.EntityFrameworkCore;

/// <summary>A SQLite database file in its own temp folder, deleted on dispose.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder;

    public SqliteTestDatabase()
    {
        _folder = Path.Combine(Path.GetTempPath(), "kegauth-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);

        // No pooling: a pooled connection would keep the file open and stop the delete.
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_folder, "test.db"),
            Pooling = false,
        }.ToString();
    }

    /// <summary>The connection string of the file.</summary>
    public string ConnectionString { get; }

    /// <inheritdoc/>
    public override DbContextOptionsBuilder<TContext> UseProvider<TContext>(DbContextOptionsBuilder<TContext> builder)
        => builder.UseSqlite(ConnectionString);

    /// <inheritdoc/>
    public override DbConnection OpenConnection()
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <inheritdoc/>
    public override IServiceCollection AddProviderServices(IServiceCollection services) => services.AddEntityFrameworkSqlite();

    /// <inheritdoc/>
    public override void AssertUniqueViolation(DbUpdateException exception)
    {
        var sqlite = Assert.IsType<SqliteException>(exception.InnerException);
        Assert.Equal(19, sqlite.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(2067, sqlite.SqliteExtendedErrorCode); // SQLITE_CONSTRAINT_UNIQUE
    }

    /// <inheritdoc/>
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
