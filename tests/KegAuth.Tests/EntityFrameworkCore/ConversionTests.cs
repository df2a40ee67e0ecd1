using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.EntityFrameworkCore;

/// <summary>The converters UseKegAuth puts on PasswordHash, UTC dates and emails.</summary>
public abstract class ConversionTests : IDisposable
{
    private readonly TestDatabase _database;
    private readonly KegAuthOptions _options = TestClock.Options(TestClock.Create());
    private readonly KegTestContext _db;

    protected ConversionTests(TestDatabase database)
    {
        _database = database;
        _db = _database.CreateSchema<KegTestContext>(_options);
    }

    public void Dispose()
    {
        _db.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void PasswordHash_round_trips()
    {
        var hash = PasswordHash.Create("correct horse", workFactor: 4);
        _db.Users.Add(new EfUser { Username = "pw", Password = hash });
        _db.EmailUsers.Add(new EfEmailUser { Email = "pw@example.com", Password = hash });
        _db.SaveChanges();

        using var fresh = _database.CreateContext<KegTestContext>(_options);
        var user = fresh.Users.Single();
        Assert.Equal(hash.Hash, user.Password!.Hash);
        Assert.True(user.Password.Verify("correct horse"));
        Assert.Equal(hash, fresh.EmailUsers.Single().Password);
        Assert.Equal(hash.Hash, fresh.Database.SqlQueryRaw<string>("""SELECT "Password" AS "Value" FROM "Users" """).Single());
    }

    [Fact]
    public void Null_PasswordHash_round_trips()
    {
        _db.Users.Add(new EfUser { Username = "nopw" });
        _db.SaveChanges();

        using var fresh = _database.CreateContext<KegTestContext>(_options);
        Assert.Null(fresh.Users.Single().Password);
    }

    [Fact]
    public void PasswordHash_column_is_not_unicode()
    {
        var property = _db.Model.FindEntityType(typeof(EfUser))!.FindProperty(nameof(EfUser.Password))!;

        Assert.False(property.IsUnicode());
        Assert.Equal(typeof(string), property.GetTypeMapping().Converter!.ProviderClrType);
        Assert.Null(_db.Model.FindEntityType(typeof(PasswordHash)));
    }

    [Fact]
    public void Dates_come_back_as_utc()
    {
        var utc = new DateTime(2029, 6, 1, 8, 30, 0, DateTimeKind.Utc);
        _db.Users.Add(new EfUser { Username = "utc", LastLoginUtc = utc, DisabledUtc = DateTime.SpecifyKind(utc, DateTimeKind.Unspecified) });
        _db.Users.Add(new EfUser { Username = "local", LastLoginUtc = utc.ToLocalTime() });
        _db.SaveChanges();

        using var fresh = _database.CreateContext<KegTestContext>(_options);
        var user = fresh.Users.Single(u => u.Username == "utc");
        Assert.Equal(DateTimeKind.Utc, user.LastLoginUtc!.Value.Kind);
        Assert.Equal(DateTimeKind.Utc, user.DisabledUtc!.Value.Kind);
        Assert.Equal(utc, user.LastLoginUtc);
        Assert.Equal(utc, user.DisabledUtc);
        var local = fresh.Users.Single(u => u.Username == "local");
        Assert.Equal(utc, local.LastLoginUtc);
        Assert.Equal(DateTimeKind.Utc, local.LastLoginUtc!.Value.Kind);
    }

    [Fact]
    public void Email_query_ignores_case_with_a_constant()
    {
        _db.EmailUsers.Add(new EfEmailUser { Email = "Foo@Bar.com" });
        _db.SaveChanges();

        var query = _db.EmailUsers.Where(u => u.Email == "Foo@BAR.com");

        Assert.Single(query.ToList());
        Assert.Contains("foo@bar.com", query.ToQueryString());
    }

    [Fact]
    public void Email_query_ignores_case_with_a_variable()
    {
        _db.EmailUsers.Add(new EfEmailUser { Email = "Foo@Bar.com" });
        _db.SaveChanges();
        var email = "FOO@bar.COM";

        var found = _db.EmailUsers.SingleOrDefault(u => u.Email == email);

        Assert.NotNull(found);
        Assert.Equal("foo@bar.com", found.Email);
    }

    [Fact]
    public void Email_is_stored_lowercased_even_past_the_setter()
    {
        var user = new EfEmailUser { Email = "x@example.com" };
        _db.EmailUsers.Add(user);
        _db.SaveChanges();

        // Bypass the entity's lowercasing setter: the converter still lowercases on the way in.
        _db.Entry(user).Property(u => u.Email).CurrentValue = "Mixed@Example.COM";
        _db.SaveChanges();

        Assert.Equal("mixed@example.com", _db.Database.SqlQueryRaw<string>("""SELECT "Email" AS "Value" FROM "EmailUsers" """).Single());
    }
}

/// <summary><see cref="ConversionTests"/> on SQLite.</summary>
public sealed class ConversionTestsOnSqlite() : ConversionTests(new SqliteTestDatabase());

/// <summary><see cref="ConversionTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ConversionTestsOnPostgres(PostgresFixture postgres) : ConversionTests(postgres.NewDatabase());
