using System.Globalization;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using KegAuth.Tests.Interop;
using Xunit;

namespace KegAuth.Tests.Users;

/// <summary>
/// Users stored as keg-auth stores them, read back through EF Core: the generated members agree with
/// Python keg-auth on the salt, the signing key, the tokens and the password.
/// </summary>
public abstract class InteropUserTests : IDisposable
{
    private readonly KegDatabase<UserTestContext> _db;

    protected InteropUserTests(TestDatabase database) => _db = new KegDatabase<UserTestContext>(database);

    public void Dispose() => _db.Dispose();

    public static TheoryData<long> Ids() => InteropUserVectors.Ids();

    [Theory]
    [MemberData(nameof(Ids))]
    public void Salt_key_password_and_tokens_match_keg_auth_after_reload(long id)
    {
        var vector = InteropUserVectors.ById(id);
        var user = Reload(vector);
        var options = OptionsAt(vector, vector.IssuedAt);

        Assert.Equal(vector.ExpectedSalt, user.GetTokenSalt());
        Assert.Equal(vector.ExpectedSigningKeyHex, Convert.ToHexStringLower(user.GetTokenSignature(options)));
        Assert.True(user.TokenVerify(vector.Token, options));
        Assert.False(user.TokenVerify(vector.TamperedToken, options));
        Assert.False(user.TokenVerify(vector.NoExpToken, options));
        Assert.False(user.TokenVerify(vector.LegacyToken, options));
        options.AllowLegacyTokens = true;
        Assert.True(user.TokenVerify(vector.LegacyToken, options));
        if (vector.PasswordHash is not null)
        {
            Assert.True(user.Password!.Verify(vector.PasswordPlain));
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Tokens_verify_exactly_at_the_valid_times(long id)
    {
        var vector = InteropUserVectors.ById(id);
        var user = Reload(vector);

        foreach (var at in vector.ValidAt)
        {
            Assert.True(user.TokenVerify(vector.Token, OptionsAt(vector, at)), $"valid at {at}");
        }

        foreach (var at in vector.InvalidAt)
        {
            Assert.False(user.TokenVerify(vector.Token, OptionsAt(vector, at)), $"invalid at {at}");
        }
    }

    private InteropUser Reload(InteropUserVector vector)
    {
        _db.Save(new InteropUser
        {
            Id = vector.Id,
            Email = vector.Email,
            IsEnabled = vector.IsActive,
            IsVerified = true,
            Password = vector.PasswordHash is null ? null : PasswordHash.FromHash(vector.PasswordHash),
            LastLoginUtc = vector.LastLoginUtc,
        });

        using var context = _db.NewContext();
        return context.InteropUsers.Single(u => u.Id == vector.Id);
    }

    private static KegAuthOptions OptionsAt(InteropUserVector vector, long unixSeconds) => new()
    {
        SecretKey = vector.SecretKey,
        AllowShortSecretKey = true, // keg-auth's test keys are short
        TimeProvider = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)),
        PasswordWorkFactor = 4,
    };
}

/// <summary><see cref="InteropUserTests"/> on SQLite.</summary>
public sealed class InteropUserTestsOnSqlite() : InteropUserTests(new SqliteTestDatabase());

/// <summary><see cref="InteropUserTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class InteropUserTestsOnPostgres(PostgresFixture postgres) : InteropUserTests(postgres.NewDatabase());
