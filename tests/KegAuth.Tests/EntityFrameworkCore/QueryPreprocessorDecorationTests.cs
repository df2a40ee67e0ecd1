using KegAuth.EntityFrameworkCore;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KegAuth.Tests.EntityFrameworkCore;

/// <summary>How the provider's preprocessor registration is wrapped when EF builds its services.</summary>
public abstract class QueryPreprocessorDecorationTests(TestDatabase database) : IDisposable
{
    private readonly TestDatabase _database = database;

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Without_a_provider_registration_it_fails_with_the_fix()
    {
        // What EF would hit when building services with KegAuth's extension ahead of the provider's.
        var error = Assert.Throws<InvalidOperationException>(() => QueryPreprocessorDecoration.Decorate(new ServiceCollection()));

        Assert.Contains("Call UseSqlite, UseNpgsql or UseSqlServer", error.Message);
        Assert.Contains("before UseKegAuth", error.Message);
    }

    [Fact]
    public void The_provider_registration_is_replaced_in_place()
    {
        // What the provider's UseXxx extension registers.
        var services = _database.AddProviderServices(new ServiceCollection());
        var count = services.Count;
        var index = services.ToList().FindLastIndex(d => d.ServiceType == typeof(IQueryTranslationPreprocessorFactory));
        var lifetime = services[index].Lifetime;

        QueryPreprocessorDecoration.Decorate(services);

        Assert.Equal(count, services.Count);
        Assert.NotNull(services[index].ImplementationFactory);
        Assert.Equal(lifetime, services[index].Lifetime);
    }

    [Fact]
    public void A_kegauth_context_uses_the_decorating_factory()
    {
        using var db = _database.CreateContext<KegTestContext>(TestClock.Options(TestClock.Create()));

        Assert.IsType<KegAuthQueryTranslationPreprocessorFactory>(db.GetService<IQueryTranslationPreprocessorFactory>());
    }
}

/// <summary><see cref="QueryPreprocessorDecorationTests"/> on SQLite.</summary>
public sealed class QueryPreprocessorDecorationTestsOnSqlite() : QueryPreprocessorDecorationTests(new SqliteTestDatabase());

/// <summary><see cref="QueryPreprocessorDecorationTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class QueryPreprocessorDecorationTestsOnPostgres(PostgresFixture postgres) : QueryPreprocessorDecorationTests(postgres.NewDatabase());
