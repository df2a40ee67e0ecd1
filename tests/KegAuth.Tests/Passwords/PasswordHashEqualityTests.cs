using Xunit;

namespace KegAuth.Tests.Passwords;

/// <summary>Two <see cref="PasswordHash"/> values are equal exactly when their stored text is (ordinally).</summary>
public sealed class PasswordHashEqualityTests
{
    private const string Bcrypt = "$2b$04$upYOdd0u5YPfpkujVTvig.Vblccptv2pHnYFUtk2sPQ8LzMunCM.e";
    private const string Fast = "$keg-sha256$v1$AAECAwQFBgcICQoLDA0ODw$ESIzRFVmd4iZqrvM3e7/ABEiM0RVZneImaq7zN3u.wA";

    [Fact]
    public void Equal_text_is_equal_and_hashes_alike()
    {
        var a = PasswordHash.FromHash(Bcrypt);
        var b = PasswordHash.FromHash(string.Concat(Bcrypt.AsSpan(0, 10), Bcrypt.AsSpan(10)));
        Assert.NotSame(a, b);
        Assert.True(a.Equals(b));
        Assert.True(a.Equals((object)b));
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Different_text_null_and_other_types_are_not_equal()
    {
        var bcrypt = PasswordHash.FromHash(Bcrypt);
        var fast = PasswordHash.FromHash(Fast);
        Assert.False(bcrypt.Equals(fast));
        Assert.False(bcrypt.Equals((object)fast));
        Assert.False(bcrypt.Equals((PasswordHash?)null));
        Assert.False(bcrypt.Equals((object?)null));
        Assert.False(bcrypt.Equals((object)Bcrypt));

        // The 2a/2b letter changes the text, so the values differ although both verify alike.
        Assert.False(bcrypt.Equals(PasswordHash.FromHash("$2a" + Bcrypt[3..])));
    }

    [Fact]
    public void The_hash_text_is_kept_exactly()
    {
        Assert.Equal(Bcrypt, PasswordHash.FromHash(Bcrypt).Hash);
        Assert.Equal(Fast, PasswordHash.FromHash(Fast).Hash);
        Assert.True(PasswordHash.FromHash(Fast).IsFastTokenHash);
        Assert.False(PasswordHash.FromHash(Bcrypt).IsFastTokenHash);
    }
}
