using KegAuth.Infrastructure;
using KegAuth.Tests.Interop;
using Xunit;

namespace KegAuth.Tests.Tokens;

/// <summary>Every keg-auth user vector: same salt, same key, and keg-auth's tokens judged the same way.</summary>
public sealed class InteropTokenTests
{
    public static TheoryData<long> Ids => InteropUserVectors.Ids();

    public static TheoryData<long, long> ValidTimes => InteropUserVectors.ValidTimes();

    public static TheoryData<long, long> InvalidTimes => InteropUserVectors.InvalidTimes();

    [Theory]
    [MemberData(nameof(Ids))]
    public void Salt_matches_keg_auth_byte_for_byte(long id)
    {
        var vector = InteropUserVectors.ById(id);
        Assert.Equal(vector.ExpectedSalt, Salt(vector));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Signing_key_matches_keg_auth(long id)
    {
        var vector = InteropUserVectors.ById(id);
        var key = KegResetTokens.GetSignature(vector.ExpectedSalt, Options(vector, vector.IssuedAt));
        Assert.Equal(vector.ExpectedSigningKeyHex, Convert.ToHexStringLower(key));
    }

    [Theory]
    [MemberData(nameof(ValidTimes))]
    public void Token_verifies_at_each_valid_time(long id, long at)
    {
        var vector = InteropUserVectors.ById(id);
        Assert.True(Verify(vector, vector.Token, at));
        Assert.True(Verify(vector, vector.Token, at, allowLegacy: true));
    }

    [Theory]
    [MemberData(nameof(InvalidTimes))]
    public void Token_fails_at_each_invalid_time(long id, long at)
    {
        var vector = InteropUserVectors.ById(id);
        Assert.False(Verify(vector, vector.Token, at));
        Assert.False(Verify(vector, vector.Token, at, allowLegacy: true));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Tampered_and_no_exp_tokens_never_verify(long id)
    {
        var vector = InteropUserVectors.ById(id);
        foreach (var at in vector.ValidAt.Concat(vector.InvalidAt))
        {
            foreach (var legacy in new[] { false, true })
            {
                Assert.False(Verify(vector, vector.TamperedToken, at, legacy));
                Assert.False(Verify(vector, vector.NoExpToken, at, legacy));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ValidTimes))]
    public void Legacy_token_verifies_only_when_allowed(long id, long at)
    {
        var vector = InteropUserVectors.ById(id);
        Assert.True(Verify(vector, vector.LegacyToken, at, allowLegacy: true));
        Assert.False(Verify(vector, vector.LegacyToken, at, allowLegacy: false));
    }

    [Theory]
    [MemberData(nameof(InvalidTimes))]
    public void Legacy_token_expires_like_the_current_one(long id, long at)
    {
        var vector = InteropUserVectors.ById(id);
        Assert.False(Verify(vector, vector.LegacyToken, at, allowLegacy: true));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Another_user_id_fails(long id)
    {
        var vector = InteropUserVectors.ById(id);
        var options = Options(vector, vector.IssuedAt, allowLegacy: true);
        foreach (var token in new[] { vector.Token, vector.LegacyToken })
        {
            Assert.False(KegResetTokens.Verify(token, KegTokenUserId.FromInt64(id + 1), vector.ExpectedSalt, options));
            Assert.False(KegResetTokens.Verify(token, KegTokenUserId.FromString(id.ToString(System.Globalization.CultureInfo.InvariantCulture)), vector.ExpectedSalt, options));
        }
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Generate_at_keg_auths_second_reproduces_its_token(long id)
    {
        var vector = InteropUserVectors.ById(id);
        var options = Options(vector, vector.IssuedAt);
        options.TokenLifetime = TimeSpan.FromSeconds(vector.Expires - vector.IssuedAt);
        Assert.Equal(vector.Token, KegResetTokens.Generate(KegTokenUserId.FromInt64(id), Salt(vector), options));
    }

    private static string Salt(InteropUserVector vector) =>
        KegResetTokens.BuildSalt(
            vector.Email,
            vector.IsActive,
            vector.PasswordHash is null ? null : PasswordHash.FromHash(vector.PasswordHash),
            vector.LastLoginUtc);

    private static KegAuthOptions Options(InteropUserVector vector, long at, bool allowLegacy = false) =>
        TokenTestKit.Options(at, vector.SecretKey, allowLegacy, allowShortSecret: true); // keg-auth's test keys are short

    private static bool Verify(InteropUserVector vector, string token, long at, bool allowLegacy = false) =>
        KegResetTokens.Verify(token, KegTokenUserId.FromInt64(vector.Id), vector.ExpectedSalt, Options(vector, at, allowLegacy));
}
