using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace KegAuth.Tests.Passwords;

/// <summary>
/// The pbkdf2-sha256 parser at the edges of passlib's format: the longest hash it allows (ten-digit
/// rounds, a 1,024-byte salt), one salt byte more, and the empty salt passlib also allows. The length
/// check that runs before parsing must not refuse what the format allows.
/// </summary>
public sealed class Pbkdf2ParserEdgeTests
{
    private const string Password = "correct horse";

    [Fact]
    public void The_longest_hash_the_format_allows_is_well_formed()
    {
        var hash = Hash("4294967295", new byte[Pbkdf2Sha256Scheme.MaxSaltBytes], new byte[Pbkdf2Sha256Scheme.ChecksumBytes]);

        Assert.True(Pbkdf2Sha256Scheme.Instance.IsWellFormed(hash));
        Assert.False(Pbkdf2Sha256Scheme.IsAffordable(hash));
    }

    [Fact]
    public void One_salt_byte_over_passlibs_limit_is_refused_even_when_the_hash_is_short()
    {
        var atLimit = Hash("1", new byte[Pbkdf2Sha256Scheme.MaxSaltBytes], new byte[Pbkdf2Sha256Scheme.ChecksumBytes]);
        var over = Hash("1", new byte[Pbkdf2Sha256Scheme.MaxSaltBytes + 1], new byte[Pbkdf2Sha256Scheme.ChecksumBytes]);

        Assert.True(Pbkdf2Sha256Scheme.Instance.IsWellFormed(atLimit));
        Assert.False(Pbkdf2Sha256Scheme.Instance.IsWellFormed(over));
        Assert.False(Pbkdf2Sha256Scheme.Instance.Verify(Password, over));
    }

    [Fact]
    public void A_hash_with_a_full_size_salt_verifies()
    {
        var salt = RandomNumberGenerator.GetBytes(Pbkdf2Sha256Scheme.MaxSaltBytes);
        var hash = Hash("1000", salt, Derive(salt, 1000));

        Assert.True(Pbkdf2Sha256Scheme.Instance.Verify(Password, hash));
        Assert.False(Pbkdf2Sha256Scheme.Instance.Verify(Password + "!", hash));
    }

    [Fact]
    public void An_empty_salt_is_allowed_as_passlib_allows_it()
    {
        var hash = Hash("1000", [], Derive([], 1000));

        Assert.True(Pbkdf2Sha256Scheme.Instance.IsWellFormed(hash));
        Assert.True(Pbkdf2Sha256Scheme.Instance.Verify(Password, hash));
        Assert.True(PasswordHash.FromHash(hash).Verify(Password));
    }

    [Fact]
    public void One_round_is_the_least_accepted()
    {
        var salt = RandomNumberGenerator.GetBytes(16);

        Assert.True(Pbkdf2Sha256Scheme.Instance.Verify(Password, Hash("1", salt, Derive(salt, 1))));
    }

    private static byte[] Derive(byte[] salt, int rounds) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Password), salt, rounds, HashAlgorithmName.SHA256, Pbkdf2Sha256Scheme.ChecksumBytes);

    private static string Hash(string rounds, byte[] salt, byte[] checksum) =>
        "$pbkdf2-sha256$" + rounds + "$" + AdaptedBase64.Encode(salt) + "$" + AdaptedBase64.Encode(checksum);
}
