using KegAuth.Tests.Interop;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.ApiTokens;

/// <summary>Every <c>api_tokens</c> and <c>genword</c> entry of the keg-auth vectors.</summary>
public abstract class InteropApiTokenTests(TestDatabase database) : IDisposable
{
    private readonly KegDatabase<ApiTokenContext> _db = new(database);

    public void Dispose() => _db.Dispose();

    public static TheoryData<int> ApiTokenIndexes() => [.. Enumerable.Range(0, InteropVectors.Instance.ApiTokens.Count)];

    public static TheoryData<int> LengthIndexes() => [.. Enumerable.Range(0, InteropVectors.Instance.Genword.Lengths.Count)];

    [Theory]
    [MemberData(nameof(ApiTokenIndexes))]
    public void The_api_token_layout_matches_keg_auth(int index)
    {
        var vector = InteropVectors.Instance.ApiTokens[index];
        var user = new TokenEmailUser { Email = vector.Email };

        Assert.Equal(vector.ApiToken, user.GenerateApiToken(_db.Options, vector.RawToken));
    }

    [Theory]
    [MemberData(nameof(ApiTokenIndexes))]
    public async Task A_keg_auth_bcrypt_token_finds_its_user_and_is_upgraded_to_the_fast_hash(int index)
    {
        var vector = InteropVectors.Instance.ApiTokens[index];
        _db.Save(new TokenEmailUser { Email = "someone-else@example.com", Token = PasswordHash.FromHash(vector.TokenHash) });
        var user = _db.Save(new TokenEmailUser { Email = vector.Email, Token = PasswordHash.FromHash(vector.TokenHash) });

        using (var context = _db.NewContext())
        {
            var found = await TokenEmailUser.GetUserForApiTokenAsync(context.EmailUsers, vector.ApiToken);

            Assert.Equal(user.Id, found?.Id);
            Assert.True(found!.Token!.IsFastTokenHash);
            await context.SaveChangesAsync();
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

    [Fact]
    public void The_charsets_are_passlibs() => Assert.Equal(InteropVectors.Instance.Genword.Charsets, Genword.Charsets);

    [Fact]
    public void The_entropy_aliases_are_passlibs()
    {
        var aliases = InteropVectors.Instance.Genword.EntropyAliases;

        Assert.Equal(KegEntropy.Unsafe, aliases["unsafe"]);
        Assert.Equal(KegEntropy.Weak, aliases["weak"]);
        Assert.Equal(KegEntropy.Fair, aliases["fair"]);
        Assert.Equal(KegEntropy.Strong, aliases["strong"]);
        Assert.Equal(KegEntropy.Secure, aliases["secure"]);
    }

    [Theory]
    [MemberData(nameof(LengthIndexes))]
    public void Lengths_match_passlib(int index)
    {
        var vector = InteropVectors.Instance.Genword.Lengths[index];
        var bits = vector.EntropyBits(InteropVectors.Instance.Genword.EntropyAliases);

        var token = TokenUser.GenerateRawAuthToken(vector.Length, bits, vector.Charset);

        Assert.Equal(vector.ExpectedLength, token.Length);
        Assert.All(token, c => Assert.Contains(c, InteropVectors.Instance.Genword.Charsets[vector.Charset]));
    }
}

/// <summary><see cref="InteropApiTokenTests"/> on SQLite.</summary>
public sealed class InteropApiTokenTestsOnSqlite() : InteropApiTokenTests(new SqliteTestDatabase());

/// <summary><see cref="InteropApiTokenTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class InteropApiTokenTestsOnPostgres(PostgresFixture postgres) : InteropApiTokenTests(postgres.NewDatabase());
