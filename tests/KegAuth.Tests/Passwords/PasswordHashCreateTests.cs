using Xunit;

namespace KegAuth.Tests.Passwords;

/// <summary>New bcrypt hashes: round trip, the 72-byte rule, cost handling and argument checks.</summary>
public sealed class PasswordHashCreateTests
{
    /// <summary>Every test but the cost tests uses the cheapest cost; 12 takes about 0.3 s a hash.</summary>
    private const int Cost = 4;

    /// <summary>A hash verifies its own password only, and survives a trip through its stored form.</summary>
    [Theory]
    [InlineData("hunter2")]
    [InlineData("")]
    [InlineData("pässwörd€ 🔑")]
    public void Create_then_verify_round_trips(string plain)
    {
        var created = PasswordHash.Create(plain, Cost);

        Assert.StartsWith("$2b$04$", created.Hash);
        Assert.Equal(60, created.Hash.Length);
        Assert.True(created.Verify(plain));
        Assert.False(created.Verify(plain + "!"));
        Assert.False(created.IsFastTokenHash);

        var reloaded = PasswordHash.FromHash(created.Hash);
        Assert.Equal(created, reloaded);
        Assert.True(reloaded.Verify(plain));
    }

    /// <summary>Two hashes of one password differ (random salt) yet both verify.</summary>
    [Fact]
    public void Create_salts_each_hash()
    {
        var a = PasswordHash.Create("hunter2", Cost);
        var b = PasswordHash.Create("hunter2", Cost);

        Assert.NotEqual(a.Hash, b.Hash);
        Assert.True(a.Verify("hunter2"));
        Assert.True(b.Verify("hunter2"));
    }

    /// <summary>Only the first 72 UTF-8 bytes count, as in passlib; a change inside them still fails.</summary>
    [Fact]
    public void Only_the_first_72_utf8_bytes_count()
    {
        var created = PasswordHash.Create(new string('a', 72) + "tail", Cost);

        Assert.True(created.Verify(new string('a', 72)));
        Assert.True(created.Verify(new string('a', 72) + "other tail"));
        Assert.False(created.Verify(new string('a', 71)));
        Assert.False(created.Verify("b" + new string('a', 71) + "tail"));
    }

    /// <summary>The cut is in bytes, not characters: it can fall inside a multi-byte character.</summary>
    [Fact]
    public void The_72_byte_cut_can_split_a_character()
    {
        // € is E2 82 AC and ₤ is E2 82 A4: after 71 ASCII bytes only their shared E2 is read.
        var created = PasswordHash.Create(new string('a', 71) + "€", Cost);

        Assert.True(created.Verify(new string('a', 71) + "₤"));
        Assert.False(created.Verify(new string('a', 70) + "€"));
    }

    /// <summary>The work factor lands in the hash; the default is keg-auth's 12.</summary>
    [Fact]
    public void Create_writes_the_requested_cost()
    {
        Assert.StartsWith("$2b$05$", PasswordHash.Create("hunter2", 5).Hash);
        Assert.StartsWith("$2b$12$", PasswordHash.Create("hunter2").Hash);
    }

    /// <summary>bcrypt needs a rehash only below the wanted cost.</summary>
    [Fact]
    public void Bcrypt_needs_rehash_only_below_the_work_factor()
    {
        var cost5 = PasswordHash.Create("hunter2", 5);

        Assert.False(cost5.NeedsRehash(4));
        Assert.False(cost5.NeedsRehash(5));
        Assert.True(cost5.NeedsRehash(6));
        Assert.True(cost5.NeedsRehash(12));
    }

    /// <summary>pbkdf2-sha256 is never written anew, so it always wants bcrypt instead.</summary>
    [Fact]
    public void Pbkdf2_always_needs_rehash()
    {
        var stored = PasswordHash.FromHash("$pbkdf2-sha256$1001$WQuBcE6JUSqltNb6PweA0A$1bop82p.eYTxMNFmoYBUb6kquz/eH3xfXuYfw8Egeag");

        Assert.True(stored.NeedsRehash(4));
        Assert.True(stored.NeedsRehash(31));
    }

    /// <summary>The fast token hash is not a password hash; no work factor applies to it.</summary>
    [Fact]
    public void Fast_token_hash_never_needs_rehash()
    {
        var stored = PasswordHash.CreateForToken("f7Rb3wryEvbhUrhdzTrbjG7kFkh6WQgJ");

        Assert.False(stored.NeedsRehash(4));
        Assert.False(stored.NeedsRehash(31));
    }

    /// <summary>A null password is a programming error, not an empty password.</summary>
    [Fact]
    public void Create_null_throws()
    {
        Assert.Throws<ArgumentNullException>(() => PasswordHash.Create(null!, Cost));
    }

    /// <summary>Costs outside 4 to 16 are refused before any hashing: above 16 Verify would refuse the hash.</summary>
    [Theory]
    [InlineData(3)]
    [InlineData(17)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(0)]
    [InlineData(-1)]
    public void Create_with_cost_out_of_range_throws(int workFactor)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PasswordHash.Create("hunter2", workFactor));
    }

    /// <summary>A lone surrogate has no UTF-8 form; the error must not quote the password.</summary>
    [Fact]
    public void Create_with_unpaired_surrogate_throws_without_quoting_it()
    {
        var ex = Assert.Throws<ArgumentException>(() => PasswordHash.Create("secret\uD800", Cost));

        Assert.Equal("plain", ex.ParamName);
        Assert.DoesNotContain("secret", ex.Message);
        Assert.DoesNotContain("D800", ex.Message, StringComparison.OrdinalIgnoreCase);
    }
}
