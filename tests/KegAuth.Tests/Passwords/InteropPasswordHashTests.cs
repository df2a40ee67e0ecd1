using KegAuth.Tests.Interop;
using Xunit;

namespace KegAuth.Tests.Passwords;

/// <summary>Hashes written by Python keg-auth (passlib) verify here exactly as they do there.</summary>
public sealed class InteropPasswordHashTests
{
    /// <summary>Each <c>password_hashes</c> entry as primitives, so xunit lists each one as its own case.</summary>
    public static TheoryData<string, string, string, string, bool> PasswordHashes()
    {
        var data = new TheoryData<string, string, string, string, bool>();
        foreach (var v in InteropVectors.Instance.PasswordHashes)
        {
            data.Add(v.Scheme, v.Plain, v.Hash, v.Wrong, v.WrongVerifies);
        }

        return data;
    }

    /// <summary>Each bcrypt entry, for the <c>$2a$</c>/<c>$2y$</c> spellings of the same hash.</summary>
    public static TheoryData<string, string, string> BcryptHashes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var v in InteropVectors.Instance.PasswordHashes.Where(v => v.Scheme == "bcrypt"))
        {
            data.Add(v.Plain, v.Hash, v.Wrong);
        }

        return data;
    }

    /// <summary>Each <c>api_tokens</c> entry.</summary>
    public static TheoryData<string, string, string> ApiTokens()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var v in InteropVectors.Instance.ApiTokens)
        {
            data.Add(v.Email, v.RawToken, v.TokenHash);
        }

        return data;
    }

    /// <summary>The file is there and has both sections; an empty theory would pass silently.</summary>
    [Fact]
    public void Vectors_load_with_both_sections()
    {
        Assert.Equal(14, InteropVectors.Instance.PasswordHashes.Count);
        Assert.Equal(3, InteropVectors.Instance.ApiTokens.Count);
        Assert.Contains(InteropVectors.Instance.PasswordHashes, v => v.WrongVerifies);
    }

    /// <summary>The plain password verifies; the wrong one exactly when passlib says it does.</summary>
    [Theory]
    [MemberData(nameof(PasswordHashes))]
    public void Passlib_hash_verifies_like_passlib(string scheme, string plain, string hash, string wrong, bool wrongVerifies)
    {
        var stored = PasswordHash.FromHash(hash);

        Assert.Equal(scheme == "bcrypt" ? "PasswordHash(bcrypt)" : "PasswordHash(pbkdf2-sha256)", stored.ToString());
        Assert.True(stored.Verify(plain));
        Assert.Equal(wrongVerifies, stored.Verify(wrong));
        Assert.False(stored.IsFastTokenHash);
    }

    /// <summary>
    /// <c>$2a$</c> and <c>$2y$</c> differ from <c>$2b$</c> only for passwords over 255 bytes, so the same
    /// hash under those prefixes must verify the same way (PHP and older libraries write them).
    /// </summary>
    [Theory]
    [MemberData(nameof(BcryptHashes))]
    public void Bcrypt_2a_and_2y_prefixes_verify_the_same(string plain, string hash, string wrong)
    {
        foreach (var prefix in new[] { "$2a$", "$2y$" })
        {
            var stored = PasswordHash.FromHash(prefix + hash[4..]);
            Assert.True(stored.Verify(plain));
            Assert.Equal(PasswordHash.FromHash(hash).Verify(wrong), stored.Verify(wrong));
        }
    }

    /// <summary>keg-auth's bcrypt API token hashes verify, and can be upgraded to the fast scheme.</summary>
    [Theory]
    [MemberData(nameof(ApiTokens))]
    public void Api_token_hash_verifies_raw_token_only(string email, string rawToken, string tokenHash)
    {
        var stored = PasswordHash.FromHash(tokenHash);

        Assert.True(stored.Verify(rawToken), email);
        Assert.False(stored.Verify(rawToken + "x"));
        Assert.False(stored.Verify(rawToken[..^1]));
        Assert.False(stored.Verify(email));
        Assert.False(stored.IsFastTokenHash);

        // What a caller does after a successful bcrypt check.
        var upgraded = PasswordHash.CreateForToken(rawToken);
        Assert.True(upgraded.IsFastTokenHash);
        Assert.True(upgraded.Verify(rawToken));
        Assert.False(upgraded.Verify(rawToken + "x"));
    }
}
