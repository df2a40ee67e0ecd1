using Xunit;

namespace KegAuth.Tests.Passwords;

/// <summary>
/// Issue 13 item 6: the work a stored hash may demand is capped. A hash over the cap loads, never
/// verifies (refused before any hashing) and needs a rehash. The over-cap hashes here are real
/// hashes of <see cref="Password"/>, made once outside the tests, so only the cap can refuse them.
/// </summary>
public sealed class StoredHashCapTests
{
    private const string Password = "correct horse";

    /// <summary>bcrypt cost 17 of <see cref="Password"/>; making it took 14 s, verifying it would take as long.</summary>
    private const string Bcrypt17 = "$2b$17$H4SmB8jmPGWQjBhC7skuAehR4JX0hN5Qa59V1f/0wpvg24XG917iW";

    /// <summary>passlib pbkdf2-sha256 of <see cref="Password"/> at exactly the cap, 1,000,000 rounds (salt "KegAuth-cap-salt").</summary>
    private const string Pbkdf2AtCap = "$pbkdf2-sha256$1000000$S2VnQXV0aC1jYXAtc2FsdA$qEaZBidbYgas2gefw9KMbHDGelGVHWIX6ODJMfcKI0E";

    /// <summary>The same at 1,000,001 rounds, one over the cap.</summary>
    private const string Pbkdf2OverCap = "$pbkdf2-sha256$1000001$S2VnQXV0aC1jYXAtc2FsdA$L77sFkpDHAXirrzFqXuK42Fs8pptbwiYpccVOsIGtV0";

    private const string BcryptTail = "H4SmB8jmPGWQjBhC7skuAehR4JX0hN5Qa59V1f/0wpvg24XG917iW";

    private const string Pbkdf2Tail = "$S2VnQXV0aC1jYXAtc2FsdA$qEaZBidbYgas2gefw9KMbHDGelGVHWIX6ODJMfcKI0E";

    [Theory]
    [InlineData("$2b$04$", true)]
    [InlineData("$2b$16$", true)]
    [InlineData("$2b$17$", false)]
    [InlineData("$2a$31$", false)]
    public void The_bcrypt_cap_is_cost_16_read_from_the_cost_field(string prefix, bool affordable)
    {
        var stored = prefix + BcryptTail;

        Assert.Equal(affordable, BcryptScheme.IsAffordable(stored));
        Assert.Equal(stored, PasswordHash.FromHash(stored).Hash);
        Assert.Equal(!affordable, PasswordHash.FromHash(stored).NeedsRehash(4));
    }

    [Fact]
    public void A_real_cost_17_hash_of_the_password_does_not_verify_and_needs_a_rehash()
    {
        var stored = PasswordHash.FromHash(Bcrypt17);

        Assert.False(stored.Verify(Password));
        Assert.False(stored.VerifyPassword(Password));
        Assert.True(stored.NeedsRehash(12));
    }

    [Fact]
    public void A_cost_16_hash_needs_no_rehash_at_16()
    {
        var stored = PasswordHash.FromHash("$2b$16$" + BcryptTail);

        Assert.False(stored.NeedsRehash(16));
        Assert.True(stored.NeedsRehash(17));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("29000", true)]
    [InlineData("1000000", true)]
    [InlineData("1000001", false)]
    [InlineData("10000000", false)]
    [InlineData("4294967295", false)]
    public void The_pbkdf2_cap_is_a_million_rounds_read_from_the_rounds_field(string rounds, bool affordable)
    {
        var stored = "$pbkdf2-sha256$" + rounds + Pbkdf2Tail;

        Assert.Equal(affordable, Pbkdf2Sha256Scheme.IsAffordable(stored));
        Assert.Equal(stored, PasswordHash.FromHash(stored).Hash);
        Assert.True(PasswordHash.FromHash(stored).NeedsRehash(4));
    }

    [Fact]
    public void A_real_pbkdf2_hash_at_the_cap_verifies()
    {
        Assert.True(PasswordHash.FromHash(Pbkdf2AtCap).Verify(Password));
    }

    [Fact]
    public void A_real_pbkdf2_hash_one_round_over_the_cap_does_not_verify_and_needs_a_rehash()
    {
        var stored = PasswordHash.FromHash(Pbkdf2OverCap);

        Assert.False(stored.Verify(Password));
        Assert.True(stored.NeedsRehash(12));
    }

    /// <summary>The review's 10,000,000 rounds (4.5 s) and passlib's largest count load and are refused unrun.</summary>
    [Theory]
    [InlineData("10000000")]
    [InlineData("4294967295")]
    public void Huge_round_counts_load_and_are_refused(string rounds)
    {
        var stored = PasswordHash.FromHash("$pbkdf2-sha256$" + rounds + Pbkdf2Tail);

        Assert.False(stored.Verify(Password));
        Assert.True(stored.NeedsRehash(12));
    }
}
