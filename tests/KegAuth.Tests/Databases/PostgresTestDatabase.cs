using System.Data.Common;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

namespace KegAuth.Tests.Databases;

/// <summary>A new database with a unique name on a <see cref="PostgresServer"/>, dropped on dispose.</summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly PostgresServer _server;

    public PostgresTestDatabase(PostgresServer server)
    {
        _server = server;
        Name = "kegauth_" + Guid.NewGuid().ToString("N");
        ConnectionString = server.CreateDatabase(Name);
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>The connection string of the database.</summary>
    public string ConnectionString { get; }

    /// <inheritdoc/>
    public override DbContextOptionsBuilder<TContext> UseProvider<TContext>(DbContextOptionsBuilder<TContext> builder)
        => builder.UseNpgsql(ConnectionString);

    /// <inheritdoc/>
    public override DbConnection OpenConnection()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <inheritdoc/>
    public override IServiceCollection AddProviderServices(IServiceCollection services) => services.AddEntityFrameworkNpgsql();

    /// <inheritdoc/>
    public override void AssertUniqueViolation(DbUpdateException exception)
    {
        var postgres = Assert.IsType<PostgresException>(exception.InnerException);
        Assert.Equal(PostgresErrorCodes.UniqueViolation, postgres.SqlState);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        _server.DropDatabase(Name);
    }
}
