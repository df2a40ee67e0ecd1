using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using KegAuth.Tokens;
using Xunit;

namespace KegAuth.Tests.Tokens;

/// <summary>
/// The key derivation: right keys for every input size (stack and pooled buffers), and the buffer
/// that held <c>salt + "signer" + secret</c> is wiped, including when it goes back to the shared pool.
/// </summary>
public sealed class TokenSigningKeysTests
{
    /// <summary>Distinctive, so a leftover copy in a buffer can be searched for.</summary>
    private const string Secret = "Q7-unmistakable-secret-Z9";

    /// <summary>A salt of ASCII 's' that makes salt + "signer" + <see cref="Secret"/> exactly <paramref name="total"/> bytes.</summary>
    private static string SaltFor(int total) => new('s', total - "signer".Length - Secret.Length);

    [Theory]
    [InlineData(31)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(2047)]
    [InlineData(2048)]
    [InlineData(2049)]
    [InlineData(10_000)]
    public void Keys_are_the_digests_of_salt_signer_secret_at_any_size(int total)
    {
        var salt = SaltFor(total);
        var input = Encoding.UTF8.GetBytes(salt + "signer" + Secret);

        var key = new byte[TokenSigningKeys.KeySize];
        TokenSigningKeys.DeriveKey(salt, Secret, key);
        Assert.Equal(SHA512.HashData(input), key);

        var legacyKey = new byte[TokenSigningKeys.LegacyKeySize];
        TokenSigningKeys.DeriveLegacyKey(salt, Secret, legacyKey);
        Assert.Equal(SHA1.HashData(input), legacyKey);
    }

    [Fact]
    public void Non_ascii_salt_and_secret_are_encoded_as_utf8()
    {
        // Byte counts, not char counts, size the buffer: 600 'é' are 1,200 bytes.
        var salt = new string('é', 600);
        const string secret = "sécret-😀";
        var key = new byte[TokenSigningKeys.KeySize];
        TokenSigningKeys.DeriveKey(salt, secret, key);
        Assert.Equal(SHA512.HashData(Encoding.UTF8.GetBytes(salt + "signer" + secret)), key);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_scratch_buffer_is_wiped_after_use(bool legacy)
    {
        // The seam: the production path passes its stack or pooled buffer; here the test owns it.
        var scratch = new byte[1024];
        Array.Fill(scratch, (byte)0xA5);
        var destination = new byte[legacy ? TokenSigningKeys.LegacyKeySize : TokenSigningKeys.KeySize];

        TokenSigningKeys.DeriveThrough("salt", Secret, destination, legacy, scratch);

        var input = Encoding.UTF8.GetBytes("salt" + "signer" + Secret);
        Assert.Equal(legacy ? SHA1.HashData(input) : SHA512.HashData(input), destination);
        Assert.All(scratch, b => Assert.Equal(0, b));
    }

    [Fact]
    public void The_scratch_buffer_is_wiped_even_when_encoding_fails()
    {
        var scratch = new byte[8];
        Array.Fill(scratch, (byte)0xA5);
        var destination = new byte[TokenSigningKeys.KeySize];

        Assert.ThrowsAny<ArgumentException>(() => TokenSigningKeys.DeriveThrough("salt", Secret, destination, false, scratch));
        Assert.All(scratch, b => Assert.Equal(0, b));
    }

    [Theory]
    [InlineData(1025)]
    [InlineData(2049)]
    [InlineData(5000)]
    public void A_pooled_buffer_goes_back_to_the_pool_without_the_secret(int total)
    {
        var salt = SaltFor(total);
        var key = new byte[TokenSigningKeys.KeySize];
        TokenSigningKeys.DeriveKey(salt, Secret, key);

        // The shared pool hands the array just returned on this thread straight back.
        var probe = ArrayPool<byte>.Shared.Rent(total);
        try
        {
            Assert.True(probe.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret[..8])) < 0, "the secret's start is still in the pooled buffer");
            Assert.True(probe.AsSpan().IndexOf(Encoding.UTF8.GetBytes(Secret[^8..])) < 0, "the secret's end is still in the pooled buffer");
            Assert.True(probe.AsSpan().IndexOf("ssssssssigner"u8) < 0, "salt and signer are still in the pooled buffer");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(probe);
        }
    }
}
