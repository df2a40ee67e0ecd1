using KegAuth.Tests.Interop;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.ApiTokens;

/// <summary>keg-auth's stored API-token hashes, looked up through the database.</summary>
public abstract class InteropApiTokenTests(TestDatabase database) : IDisposable
{
    private readonly KegDatabase<ApiTokenContext> _db = new(database);

    public void Dispose() => _db.Dispose();

    public static TheoryData<int> ApiTokenIndexes() => [.. Enumerable.Range(0, InteropVectors.Instance.ApiTokens.Count)];

    [Theory]
    [MemberData(nameof(ApiTokenIndexes))]
    public async Task A_keg_auth_bcrypt_token_finds_its_user_and_its_hash_is_upgraded_in_the_database(int index)
    {
        var vector = InteropVectors.Instance.ApiTokens[index];
        _db.Save(new TokenEmailUser { Email = "someone-else@example.com", Token = PasswordHash.FromHash(vector.TokenHash) });
        var user = _db.Save(new TokenEmailUser { Email = vector.Email, Token = PasswordHash.FromHash(vector.TokenHash) });

        using (var context = _db.NewContext())
        {
            var found = await TokenEmailUser.GetUserForApiTokenAsync(context.EmailUsers, vector.ApiToken);

            // Written at once by a conditional update: nothing is left for the caller to save.
            Assert.Equal(user.Id, found?.Id);
            Assert.False(context.ChangeTracker.HasChanges());
        }

        using (var context = _db.NewContext())
        {
            var reloaded = await context.EmailUsers.SingleAsync(u => u.Id == user.Id);
            Assert.True(reloaded.Token!.IsFastTokenHash);
            Assert.True(reloaded.VerifyToken(vector.RawToken));
            Assert.Equal(user.Id, (await TokenEmailUser.GetUserForApiTokenAsync(context.EmailUsers, vector.ApiToken))?.Id);
            Assert.False(context.ChangeTracker.HasChanges());
        }
    }

    [Theory]
    [MemberData(nameof(ApiTokenIndexes))]
    public async Task A_wrong_raw_token_leaves_the_bcrypt_hash_alone(int index)
    {
        var vector = InteropVectors.Instance.ApiTokens[index];
        _db.Save(new TokenEmailUser { Email = vector.Email, Token = PasswordHash.FromHash(vector.TokenHash) });

        using var context = _db.NewContext();
        var wrong = vector.ApiToken[..^1] + (vector.ApiToken[^1] == 'a' ? 'b' : 'a');

        Assert.Null(await TokenEmailUser.GetUserForApiTokenAsync(context.EmailUsers, wrong));
        Assert.Equal(vector.TokenHash, context.EmailUsers.Single().Token!.Hash);
    }
}

/// <summary><see cref="InteropApiTokenTests"/> on SQLite.</summary>
public sealed class InteropApiTokenTestsOnSqlite() : InteropApiTokenTests(new SqliteTestDatabase());

/// <summary><see cref="InteropApiTokenTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class InteropApiTokenTestsOnPostgres(PostgresFixture postgres) : InteropApiTokenTests(postgres.NewDatabase());
