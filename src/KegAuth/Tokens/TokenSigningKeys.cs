using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace KegAuth.Tokens;

/// <summary>
/// Derives the per-user HMAC keys from <c>UTF-8(salt + "signer" + secret)</c>: SHA-512 for current
/// tokens (keg-auth <c>get_token_signature</c>), SHA-1 for the itsdangerous-era layout.
/// </summary>
internal static class TokenSigningKeys
{
    /// <summary>The size of the current key: a SHA-512 digest.</summary>
    public const int KeySize = SHA512.HashSizeInBytes;

    /// <summary>The size of the legacy key: a SHA-1 digest.</summary>
    public const int LegacyKeySize = SHA1.HashSizeInBytes;

    /// <summary>Inputs up to this many bytes are encoded on the stack; longer ones use the pool.</summary>
    private const int StackLimit = 1024;

    private static ReadOnlySpan<byte> Signer => "signer"u8;

    /// <summary>Writes the SHA-512 key into <paramref name="destination"/> (<see cref="KeySize"/> bytes).</summary>
    public static void DeriveKey(string salt, string secretKey, Span<byte> destination) =>
        Derive(salt, secretKey, destination, legacy: false);

    /// <summary>Writes the legacy SHA-1 key into <paramref name="destination"/> (<see cref="LegacyKeySize"/> bytes).</summary>
    public static void DeriveLegacyKey(string salt, string secretKey, Span<byte> destination) =>
        Derive(salt, secretKey, destination, legacy: true);

    private static void Derive(string salt, string secretKey, Span<byte> destination, bool legacy)
    {
        // "signer" is ASCII, so encoding the three parts apart equals encoding their concatenation.
        var length = Encoding.UTF8.GetByteCount(salt) + Signer.Length + Encoding.UTF8.GetByteCount(secretKey);
        byte[]? rented = null;
        // Stryker disable once Conditional,Equality : stack or pool holds the same bytes and both are wiped (the pool case is tested with a long salt)
        var buffer = length <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            DeriveThrough(salt, secretKey, destination, legacy, buffer);
        }
        finally
        {
            // Stryker disable once Block : an array never returned to the pool only costs a later allocation; nothing to observe
            if (rented is not null)
            {
                // Already wiped by DeriveThrough.
                // Stryker disable once Statement : an array never returned to the pool only costs a later allocation; nothing to observe
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Hashes <c>UTF-8(salt + "signer" + secret)</c> through <paramref name="scratch"/> (at least that
    /// long) and then wipes all of <paramref name="scratch"/>, since it held the application secret.
    /// Internal so the tests can hand in a buffer of their own and see that it is wiped.
    /// </summary>
    internal static void DeriveThrough(string salt, string secretKey, Span<byte> destination, bool legacy, Span<byte> scratch)
    {
        try
        {
            var written = Encoding.UTF8.GetBytes(salt, scratch);
            Signer.CopyTo(scratch[written..]);
            written += Signer.Length;
            written += Encoding.UTF8.GetBytes(secretKey, scratch[written..]);
            var input = scratch[..written];
            if (legacy)
            {
                SHA1.HashData(input, destination);
            }
            else
            {
                SHA512.HashData(input, destination);
            }
        }
        finally
        {
            // All of it, not just the bytes written: no length arithmetic to get wrong.
            CryptographicOperations.ZeroMemory(scratch);
        }
    }
}
