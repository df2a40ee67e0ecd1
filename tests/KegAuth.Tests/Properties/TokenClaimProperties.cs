using CsCheck;
using KegAuth.Infrastructure;
using KegAuth.Tests.Tokens;
using Xunit;

namespace KegAuth.Tests.Properties;

/// <summary>
/// Correctly signed tokens whose JSON is hostile: alg none/HS256/RS256/hs512/missing; exp as string,
/// float, huge, negative, beyond year 9999; user_id as string for an integer key (and the reverse),
/// float, array, null; repeated claims; deep nesting; tokens over 8 KB. The signature is right, so
/// only the claims decide, and the answer must be the one the model gives.
/// </summary>
public sealed class TokenClaimProperties
{
    private const int MaxTokenLength = 8 * 1024;

    [Fact]
    public void Signed_claims_are_accepted_exactly_when_the_rules_allow()
    {
        var options = TokenTestKit.Options(ClaimCase.Now);
        var legacyOptions = TokenTestKit.Options(ClaimCase.Now, allowLegacy: true);
        var integerUser = KegTokenUserId.FromInt64(42);
        var stringUser = KegTokenUserId.FromString("42");
        var accepted = 0;

        Gen.Select(ClaimCase.All, Gen.Bool, Gen.Bool).Sample(
            (claims, useStringUser, legacy) =>
            {
                var token = TokenTestKit.Sign(claims.Header, claims.Payload);
                var expected = claims.ClaimsValid(useStringUser) && token.Length <= MaxTokenLength;
                var actual = KegResetTokens.Verify(
                    token, useStringUser ? stringUser : integerUser, TokenTestKit.Salt, legacy ? legacyOptions : options);
                if (actual)
                {
                    Interlocked.Increment(ref accepted);
                }

                return actual == expected;
            },
            iter: PropertyRuns.Iterations(3_000),
            threads: PropertyRuns.Threads);

        // Both answers were exercised, not just the easy "false".
        Assert.InRange(accepted, 1, int.MaxValue);
    }

    [Fact]
    public void Re_signed_random_json_never_throws_and_never_accepts_without_the_claims()
    {
        // Arbitrary text in both parts, correctly signed: the JSON reader sees everything.
        var options = TokenTestKit.Options(ClaimCase.Now, allowLegacy: true);
        Gen.Select(TokenGens.Text, Gen.Frequency((3, TokenGens.Text), (1, Gen.String))).Sample(
            (header, payload) => !KegResetTokens.Verify(TokenTestKit.Sign(header, payload), TokenTestKit.User, TokenTestKit.Salt, options),
            iter: PropertyRuns.Iterations(3_000),
            threads: PropertyRuns.Threads);
    }
}
