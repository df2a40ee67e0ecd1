using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Xunit;

namespace KegAuth.Tests.EntityFrameworkCore;

/// <summary>What UseKegAuth accepts, rejects, and how it shares EF's internal service provider.</summary>
public abstract class UseKegAuthTests : IDisposable
{
    private readonly TestDatabase _database;

    protected UseKegAuthTests(TestDatabase database) => _database = database;

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Many_options_instances_share_one_service_provider()
    {
        using (var schema = _database.CreateSchema<KegTestContext>(TestClock.Options(TestClock.Create())))
        {
            schema.Users.Add(new EfUser { Username = "a" });
            schema.SaveChanges();
        }

        // Past EF's limit of 20 service providers, which throws when each options object gets its own.
        IModel? firstModel = null;
        for (var i = 0; i < 30; i++)
        {
            var clock = TestClock.Create();
            clock.Advance(TimeSpan.FromMinutes(i));
            using var db = _database.CreateContext<KegTestContext>(new KegAuthOptions { SecretKey = $"secret-{i}-of-at-least-32-characters-long", TimeProvider = clock });

            Assert.Equal(1, db.Users.Count(u => u.IsActive));
            firstModel ??= db.Model;
            Assert.Same(firstModel, db.Model);
        }
    }

    [Fact]
    public void Action_overload_configures_new_options()
    {
        var clock = TestClock.Create();
        var options = _database.UseProvider(new DbContextOptionsBuilder<KegTestContext>())
            .UseKegAuth(o =>
            {
                o.SecretKey = "configured-secret-of-at-least-32-characters";
                o.TimeProvider = clock;
            })
            .Options;
        using var db = new KegTestContext(options);
        db.Database.EnsureCreated();

        Assert.Equal(0, db.Users.Count(u => u.IsActive));
    }

    [Fact]
    public void UseKegAuth_before_the_provider_fails_with_the_fix()
    {
        var builder = new DbContextOptionsBuilder<KegTestContext>();

        var error = Assert.Throws<InvalidOperationException>(() => builder.UseKegAuth(TestClock.Options(TestClock.Create())));

        Assert.Contains("UseSqlite", error.Message);
        Assert.Contains("before UseKegAuth", error.Message);
    }

    [Fact]
    public void Invalid_options_fail_naming_SecretKey()
    {
        var builder = _database.UseProvider(new DbContextOptionsBuilder<KegTestContext>());

        var error = Assert.Throws<KegAuthOptionsException>(() => builder.UseKegAuth(o => o.SecretKey = ""));

        Assert.Contains("SecretKey", error.Message);
    }

    [Fact]
    public void Null_arguments_are_rejected()
    {
        var builder = _database.UseProvider(new DbContextOptionsBuilder<KegTestContext>());

        Assert.Throws<ArgumentNullException>(() => builder.UseKegAuth((KegAuthOptions)null!));
        Assert.Throws<ArgumentNullException>(() => builder.UseKegAuth((Action<KegAuthOptions>)null!));
    }
}

/// <summary><see cref="UseKegAuthTests"/> on SQLite.</summary>
public sealed class UseKegAuthTestsOnSqlite() : UseKegAuthTests(new SqliteTestDatabase());

/// <summary><see cref="UseKegAuthTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class UseKegAuthTestsOnPostgres(PostgresFixture postgres) : UseKegAuthTests(postgres.NewDatabase());
