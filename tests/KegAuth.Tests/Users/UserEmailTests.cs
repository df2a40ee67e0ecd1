using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Users;

/// <summary>keg-auth's email rules: stored lowercased, found in any casing, unique regardless of case.</summary>
public abstract class UserEmailTests : IDisposable
{
    private readonly KegDatabase<UserTestContext> _db;

    protected UserEmailTests(TestDatabase database) => _db = new KegDatabase<UserTestContext>(database);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Email_is_stored_lowercased_and_is_the_login_id()
    {
        var user = _db.Save(new EfEmailUser { Email = "Foo@BAR.com" });

        Assert.Equal("foo@bar.com", user.Email);
        Assert.Equal("foo@bar.com", user.Username);
        Assert.Equal("foo@bar.com", user.LoginId);
        Assert.Equal("Email", EfEmailUser.LoginIdPropertyName);
        Assert.Equal("Username", EfUser.LoginIdPropertyName);
    }

    [Fact]
    public void A_query_in_another_casing_finds_the_user()
    {
        _db.Save(new EfEmailUser { Email = "foo@bar.com" });
        var variable = "FOO@bar.COM";

        using var context = _db.NewContext();

        Assert.NotNull(context.EmailUsers.SingleOrDefault(u => u.Email == "Foo@BAR.com"));
        Assert.NotNull(context.EmailUsers.SingleOrDefault(u => u.Email == variable));
        Assert.Null(context.EmailUsers.SingleOrDefault(u => u.Email == "foo@bar.org"));
    }

    [Fact]
    public void Two_users_whose_emails_differ_only_in_case_violate_the_unique_index()
    {
        _db.Save(new EfEmailUser { Email = "dup@example.com" });

        using var context = _db.NewContext();
        context.EmailUsers.Add(new EfEmailUser { Email = "DUP@Example.com" });

        var error = Assert.Throws<DbUpdateException>(() => context.SaveChanges());
        _db.Database.AssertUniqueViolation(error);
    }

    [Fact]
    public void Is_verified_defaults_to_false_and_an_unverified_user_is_not_active()
    {
        var user = new EfEmailUser { Email = "new@example.com" };

        Assert.False(user.IsVerified);
        Assert.False(user.IsActive);
        user.IsVerified = true;
        Assert.True(user.IsActive);
    }
}

/// <summary><see cref="UserEmailTests"/> on SQLite.</summary>
public sealed class UserEmailTestsOnSqlite() : UserEmailTests(new SqliteTestDatabase());

/// <summary><see cref="UserEmailTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class UserEmailTestsOnPostgres(PostgresFixture postgres) : UserEmailTests(postgres.NewDatabase());
