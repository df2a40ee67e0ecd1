using KegAuth.Infrastructure;
using KegAuth.Tests.Interop;
using Xunit;

namespace KegAuth.Tests.ApiTokens;

/// <summary>The <c>api_tokens</c> layouts and <c>genword</c> entries of the keg-auth vectors: no database.</summary>
public sealed class InteropApiTokenLayoutTests
{
    private static readonly KegAuthOptions Options = new() { SecretKey = "api-token-test-secret-of-32-characters-or-more", PasswordWorkFactor = 4 };

    public static TheoryData<int> ApiTokenIndexes() => [.. Enumerable.Range(0, InteropVectors.Instance.ApiTokens.Count)];

    public static TheoryData<int> LengthIndexes() => [.. Enumerable.Range(0, InteropVectors.Instance.Genword.Lengths.Count)];

    [Theory]
    [MemberData(nameof(ApiTokenIndexes))]
    public void The_api_token_layout_matches_keg_auth(int index)
    {
        var vector = InteropVectors.Instance.ApiTokens[index];
        var user = new TokenEmailUser { Email = vector.Email };

        Assert.Equal(vector.ApiToken, user.GenerateApiToken(Options, vector.RawToken));
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

    /// <summary>
    /// passlib's genword lengths, byte for byte; the API-token entry point gives the same token, or
    /// refuses one under its 64-bit floor (which passlib does not have).
    /// </summary>
    [Theory]
    [MemberData(nameof(LengthIndexes))]
    public void Lengths_match_passlib(int index)
    {
        var vector = InteropVectors.Instance.Genword.Lengths[index];
        var bits = vector.EntropyBits(InteropVectors.Instance.Genword.EntropyAliases);

        var word = Genword.Generate(vector.Length, bits, vector.Charset);

        Assert.Equal(vector.ExpectedLength, word.Length);
        Assert.All(word, c => Assert.Contains(c, InteropVectors.Instance.Genword.Charsets[vector.Charset]));
        if (Genword.EntropyBits(vector.ExpectedLength, vector.Charset) >= KegApiTokens.MinEntropyBits)
        {
            Assert.Equal(vector.ExpectedLength, TokenUser.GenerateRawAuthToken(vector.Length, bits, vector.Charset).Length);
        }
        else
        {
            Assert.Throws<ArgumentException>(() => TokenUser.GenerateRawAuthToken(vector.Length, bits, vector.Charset));
        }
    }
}
