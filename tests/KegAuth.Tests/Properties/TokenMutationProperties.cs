using CsCheck;
using KegAuth.Infrastructure;
using KegAuth.Tests.Tokens;
using Xunit;

namespace KegAuth.Tests.Properties;

/// <summary>
/// Reset tokens changed character by character, without re-signing: bit flips, truncation,
/// insertions, missing, extra, duplicated and swapped segments, padding, case changes and very long
/// runs. Verify never throws and accepts a changed token only if it is the identical text.
/// </summary>
public sealed class TokenMutationProperties
{
    private static readonly KegAuthOptions Options = TokenTestKit.Options();
    private static readonly KegAuthOptions LegacyOptions = TokenTestKit.Options(allowLegacy: true);
    private static readonly string Valid = KegResetTokens.Generate(TokenTestKit.User, TokenTestKit.Salt, Options);

    [Fact]
    public void A_changed_token_verifies_only_when_it_is_the_identical_text()
    {
        Gen.Select(TokenGens.Mutations, Gen.Bool).Sample(
            (mutations, legacy) =>
            {
                var token = mutations.Aggregate(Valid, (current, mutation) => current.Length == 0 ? current : mutation.Apply(current));
                var accepted = KegResetTokens.Verify(token, TokenTestKit.User, TokenTestKit.Salt, legacy ? LegacyOptions : Options);
                return accepted == string.Equals(token, Valid, StringComparison.Ordinal);
            },
            iter: PropertyRuns.Iterations(3_000),
            threads: PropertyRuns.Threads);

        // The control: the token the mutations start from is good, so a false above is the mutation's doing.
        Assert.True(KegResetTokens.Verify(Valid, TokenTestKit.User, TokenTestKit.Salt, Options));
    }

    [Fact]
    public void Arbitrary_text_never_verifies_and_never_throws()
    {
        Gen.Frequency((3, TokenGens.Text), (1, Gen.String)).Sample(
            token => !KegResetTokens.Verify(token, TokenTestKit.User, TokenTestKit.Salt, LegacyOptions),
            iter: PropertyRuns.Iterations(3_000),
            threads: PropertyRuns.Threads);
    }
}
