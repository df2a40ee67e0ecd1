using KegAuth.Tests.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Databases;

/// <summary>
/// The one PostgreSQL server of a test run, shared by every class in <see cref="PostgresCollection"/>.
/// xunit disposes it when the collection is done, pass or fail; the server also stops itself at
/// process exit if the run is cut short.
/// </summary>
public sealed class PostgresFixture : IDisposable
{
    public PostgresFixture() => Server = PostgresServer.StartOrConnect();

    public PostgresServer Server { get; }

    /// <summary>A fresh, empty database on the server, dropped when disposed.</summary>
    public TestDatabase NewDatabase() => new PostgresTestDatabase(Server);

    public void Dispose() => Server.Dispose();
}

/// <summary>Every test class on PostgreSQL: one collection, so they share one server (and run one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
