using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Xunit;

namespace KegAuth.Tests.Users;

/// <summary>keg-auth's user token tests, on generated users saved to and reloaded from the database.</summary>
public abstract class UserTokenTests : IDisposable
{
    private readonly KegDatabase<UserTestContext> _db;

    protected UserTokenTests(TestDatabase database) => _db = new KegDatabase<UserTestContext>(database);

    public void Dispose() => _db.Dispose();

    [Fact]
    public void A_generated_token_verifies_and_a_changed_one_does_not()
    {
        var user = _db.Save(new EfEmailUser { Email = "token@example.com", IsVerified = true });

        var token = user.TokenGenerate(_db.Options);

        Assert.True(user.TokenVerify(token, _db.Options));
        Assert.False(user.TokenVerify(token + "a", _db.Options));
        Assert.False(user.TokenVerify(token[..^2], _db.Options));
        Assert.False(user.TokenVerify(null, _db.Options));
        Assert.False(user.TokenVerify(token, null!));
    }

    [Fact]
    public void A_token_still_verifies_after_save_and_reload_when_nothing_changed()
    {
        var user = _db.Save(new EfEmailUser { Email = "same@example.com", IsVerified = true, LastLoginUtc = _db.Clock.GetUtcNow().UtcDateTime });
        user.SetPassword("pw", _db.Options);
        var token = user.TokenGenerate(_db.Options);
        Save(user);

        using var context = _db.NewContext();
        var reloaded = context.EmailUsers.Single(u => u.Id == user.Id);

        Assert.Equal(user.GetTokenSalt(), reloaded.GetTokenSalt());
        Assert.True(reloaded.TokenVerify(token, _db.Options));
    }

    public static TheoryData<string> SaltFields() => ["email", "is_enabled", "is_verified", "disabled_utc", "password", "last_login_utc"];

    [Theory]
    [MemberData(nameof(SaltFields))]
    public void Changing_a_salt_field_invalidates_earlier_tokens_after_save_and_reload(string field)
    {
        var user = new EfEmailUser { Email = "salt@example.com", IsVerified = true, LastLoginUtc = new DateTime(2029, 1, 2, 3, 4, 5, DateTimeKind.Utc) };
        user.SetPassword("first", _db.Options);
        _db.Save(user);
        var token = user.TokenGenerate(_db.Options);

        using (var context = _db.NewContext())
        {
            var stored = context.EmailUsers.Single(u => u.Id == user.Id);
            Assert.True(stored.TokenVerify(token, _db.Options));
            Change(stored, field);
            context.SaveChanges();
        }

        using var fresh = _db.NewContext();
        var reloaded = fresh.EmailUsers.Single(u => u.Id == user.Id);
        Assert.False(reloaded.TokenVerify(token, _db.Options));
    }

    [Fact]
    public void Username_change_invalidates_tokens_of_a_username_user()
    {
        var user = _db.Save(new EfUser { Username = "before" });
        var token = user.TokenGenerate(_db.Options);

        user.Username = "after";

        Assert.False(user.TokenVerify(token, _db.Options));
    }

    [Fact]
    public void Token_expires_after_the_configured_lifetime()
    {
        _db.Options.TokenLifetime = TimeSpan.FromMinutes(10);
        var user = _db.Save(new EfEmailUser { Email = "expiry@example.com", IsVerified = true });
        var token = user.TokenGenerate(_db.Options);

        _db.Clock.Advance(new TimeSpan(0, 9, 58));
        Assert.True(user.TokenVerify(token, _db.Options));

        _db.Clock.Advance(TimeSpan.FromSeconds(3));
        Assert.False(user.TokenVerify(token, _db.Options));
    }

    [Fact]
    public void ChangePassword_sets_the_password_verifies_the_email_and_spends_the_token()
    {
        var user = _db.Save(new EfEmailUser { Email = "change@example.com", IsVerified = false });
        user.SetPassword("old", _db.Options);
        var token = user.TokenGenerate(_db.Options);

        user.ChangePassword(token, "new", _db.Options);
        Save(user);

        using var context = _db.NewContext();
        var reloaded = context.EmailUsers.Single(u => u.Id == user.Id);
        Assert.True(reloaded.Password!.Verify("new"));
        Assert.False(reloaded.Password.Verify("old"));
        Assert.True(reloaded.IsVerified);
        Assert.False(reloaded.TokenVerify(token, _db.Options));
        Assert.Throws<InvalidTokenException>(() => reloaded.ChangePassword(token, "again", _db.Options));
    }

    [Fact]
    public void ChangePassword_with_an_invalid_token_throws_and_changes_nothing()
    {
        var user = new EfEmailUser { Email = "invalid@example.com", IsVerified = false };
        user.SetPassword("old", _db.Options);
        var hash = user.Password;

        var exception = Assert.Throws<InvalidTokenException>(() => user.ChangePassword("not-a-token", "new", _db.Options));

        Assert.Same(hash, user.Password);
        Assert.False(user.IsVerified);
        Assert.DoesNotContain("not-a-token", exception.Message);
    }

    [Fact]
    public void ChangePassword_on_a_username_user_sets_the_password()
    {
        var user = _db.Save(new EfUser { Username = "plain" });
        var token = user.TokenGenerate(_db.Options);

        user.ChangePassword(token, "secret", _db.Options);

        Assert.True(user.Password!.Verify("secret"));
    }

    [Fact]
    public void Guid_and_string_keys_carry_their_own_user_id()
    {
        var first = _db.Save(new GuidUser { Id = Guid.NewGuid(), Username = "guid" });
        var second = _db.Save(new GuidUser { Id = Guid.NewGuid(), Username = "guid-2" });
        var coded = _db.Save(new CodeUser { Code = "A-1", Email = "code@example.com", IsVerified = true });

        var token = first.TokenGenerate(_db.Options);
        var codeToken = coded.TokenGenerate(_db.Options);

        Assert.True(first.TokenVerify(token, _db.Options));
        // Same salt fields except the login id would still differ; give the second user the first's login id to isolate user_id.
        second.Username = first.Username;
        Assert.False(second.TokenVerify(token, _db.Options));
        Assert.True(coded.TokenVerify(codeToken, _db.Options));
        Assert.False(new CodeUser { Code = "A-2", Email = "code@example.com", IsVerified = true }.TokenVerify(codeToken, _db.Options));
    }

    [Fact]
    public void Session_key_is_random_36_characters_and_reset_replaces_it()
    {
        var user = new EfUser { Username = "session" };
        var before = user.SessionKey;

        user.ResetSessionKey();

        Assert.Equal(36, before.Length);
        Assert.NotEqual(before, user.SessionKey);
        Assert.Equal(user.SessionKey, user.GetId());
    }

    private void Save(EfEmailUser user)
    {
        using var context = _db.NewContext();
        context.Update(user);
        context.SaveChanges();
    }

    private void Change(EfEmailUser user, string field)
    {
        switch (field)
        {
            case "email": user.Email = "other@example.com"; break;
            case "is_enabled": user.IsEnabled = false; break;
            case "is_verified": user.IsVerified = false; break;
            case "disabled_utc": user.DisabledUtc = _db.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1); break;
            case "password": user.SetPassword("second", _db.Options); break;
            case "last_login_utc": user.LastLoginUtc = _db.Clock.GetUtcNow().UtcDateTime; break;
            default: throw new ArgumentOutOfRangeException(nameof(field), field, null);
        }
    }
}

/// <summary><see cref="UserTokenTests"/> on SQLite.</summary>
public sealed class UserTokenTestsOnSqlite() : UserTokenTests(new SqliteTestDatabase());

/// <summary><see cref="UserTokenTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class UserTokenTestsOnPostgres(PostgresFixture postgres) : UserTokenTests(postgres.NewDatabase());
