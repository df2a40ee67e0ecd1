using KegAuth.Tests.Databases;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Databases;

/// <summary>The one PostgreSQL server of this project's test run, shared by every class in <see cref="PostgresWebCollection"/>.</summary>
public sealed class PostgresWebFixture : IDisposable
{
    public PostgresWebFixture() => Server = PostgresServer.StartOrConnect();

    public PostgresServer Server { get; }

    /// <summary>A fresh, empty database on the server, dropped when disposed.</summary>
    public WebDatabase NewDatabase() => new PostgresWebDatabase(Server);

    public void Dispose() => Server.Dispose();
}

/// <summary>Every web test class on PostgreSQL: one collection, so they share one server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresWebCollection : ICollectionFixture<PostgresWebFixture>
{
    public const string Name = "PostgreSQL (web)";
}
