using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace KegAuth.Tests.Passwords;

/// <summary>The fast salted SHA-256 hash for API tokens (<see cref="PasswordHash.CreateForToken"/>).</summary>
public sealed class FastTokenHashTests
{
    private const string Token = "9qKYvKVXGgFktNPe7uVsMFhFs6qmYjeC";

    /// <summary>A created hash has the documented layout, verifies its token only and reloads.</summary>
    [Fact]
    public void CreateForToken_round_trips()
    {
        var created = PasswordHash.CreateForToken(Token);

        Assert.Matches(@"^\$keg-sha256\$v1\$[./A-Za-z0-9]{22}\$[./A-Za-z0-9]{43}$", created.Hash);
        Assert.True(created.IsFastTokenHash);
        Assert.True(created.Verify(Token));
        Assert.False(created.Verify(Token + "x"));
        Assert.False(created.Verify(Token[..^1]));
        Assert.False(created.Verify(Token.ToLowerInvariant()));
        Assert.False(created.Verify(""));

        var reloaded = PasswordHash.FromHash(created.Hash);
        Assert.True(reloaded.IsFastTokenHash);
        Assert.True(reloaded.Verify(Token));
        Assert.Equal("PasswordHash(keg-sha256)", reloaded.ToString());
    }

    /// <summary>Each hash gets its own salt, so equal tokens do not give equal hashes.</summary>
    [Fact]
    public void Each_hash_has_its_own_salt()
    {
        var a = PasswordHash.CreateForToken(Token);
        var b = PasswordHash.CreateForToken(Token);

        Assert.NotEqual(a.Hash, b.Hash);
        Assert.NotEqual(a.Hash.Split('$')[3], b.Hash.Split('$')[3]);
        Assert.True(a.Verify(Token));
        Assert.True(b.Verify(Token));
    }

    /// <summary>The layout is exactly what the docs say, computed here independently.</summary>
    [Fact]
    public void Hash_is_sha256_of_salt_then_utf8_token_in_adapted_base64()
    {
        var salt = Enumerable.Range(0, 16).Select(i => (byte)(i * 17)).ToArray();
        var token = "tökén";
        var digest = SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(token)]);
        var hash = $"$keg-sha256$v1${Ab64(salt)}${Ab64(digest)}";

        var stored = PasswordHash.FromHash(hash);

        Assert.True(stored.IsFastTokenHash);
        Assert.True(stored.Verify(token));
        Assert.False(stored.Verify("token"));
    }

    /// <summary>Only the fast scheme reports itself as such.</summary>
    [Fact]
    public void IsFastTokenHash_is_true_only_for_the_fast_scheme()
    {
        Assert.True(PasswordHash.CreateForToken(Token).IsFastTokenHash);
        Assert.False(PasswordHash.Create(Token, 4).IsFastTokenHash);
        Assert.False(PasswordHash.FromHash("$pbkdf2-sha256$1001$WQuBcE6JUSqltNb6PweA0A$1bop82p.eYTxMNFmoYBUb6kquz/eH3xfXuYfw8Egeag").IsFastTokenHash);
    }

    /// <summary>Null, empty and invalid UTF-16 tokens are refused, without quoting the token.</summary>
    [Fact]
    public void CreateForToken_refuses_bad_tokens()
    {
        Assert.Throws<ArgumentNullException>(() => PasswordHash.CreateForToken(null!));
        Assert.Throws<ArgumentException>(() => PasswordHash.CreateForToken(""));

        var ex = Assert.Throws<ArgumentException>(() => PasswordHash.CreateForToken("secret\uDC00"));
        Assert.Equal("rawToken", ex.ParamName);
        Assert.DoesNotContain("secret", ex.Message);
    }

    private static string Ab64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '.');
}
