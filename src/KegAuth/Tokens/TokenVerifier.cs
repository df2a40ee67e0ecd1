using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using KegAuth.Infrastructure;

namespace KegAuth.Tokens;

/// <summary>
/// Checks a reset token without allocating: shape and alphabet first, then the HMAC-SHA512
/// signature (constant-time), and only a signed token's JSON is read (<see cref="TokenClaims"/>).
/// The key decides the layout: the SHA-512 key means current, the SHA-1 key (when allowed) legacy.
/// </summary>
internal static class TokenVerifier
{
    /// <summary>Longer input is refused before any work; real tokens are a few hundred chars.</summary>
    public const int MaxTokenLength = 8 * 1024;

    /// <summary>An HMAC-SHA512 tag (64 bytes) in unpadded base64url.</summary>
    private const int SignatureLength = 86;

    /// <summary>Scratch up to this size lives on the stack; a larger (still bounded) token uses the pool.</summary>
    private const int StackLimit = 1024;

    /// <summary>
    /// The only characters a token may hold. Checking them up front rejects <c>=</c> padding and
    /// whitespace (which the base64 decoder would skip) and makes the signing input plain ASCII.
    /// </summary>
    private static readonly SearchValues<char> TokenAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.");

    /// <summary>Whether <paramref name="token"/> is valid for the user now; false on any bad input.</summary>
    public static bool Verify(string? token, KegTokenUserId userId, string salt, KegAuthOptions options)
    {
        if (token is null || token.Length > MaxTokenLength || !KegAuthOptionsValidation.IsSecretKeyUsable(options))
        {
            // No secret, or a guessable one, means no key worth trusting, so a misconfigured app accepts nothing.
            return false;
        }

        var text = token.AsSpan();
        if (text.IndexOfAnyExcept(TokenAlphabet) >= 0)
        {
            return false;
        }

        // At least two dots: the slices below need them.
        var firstDot = text.IndexOf('.');
        var lastDot = text.LastIndexOf('.');
        if (lastDot == firstDot)
        {
            return false;
        }

        // Exactly three segments, header and payload not empty: an early out only. An empty header or
        // payload fails the JSON reader and a dot in the payload fails base64url decoding, so weakening
        // this check changes no answer (TokenStructureEdgeTests signs such tokens to show it).
        // Stryker disable once all : early out; the later stages refuse every shape it refuses (see above)
        if (firstDot == 0 || lastDot - firstDot == 1 || text[(firstDot + 1)..lastDot].Contains('.'))
        {
            return false;
        }

        var signatureText = text[(lastDot + 1)..];
        Span<byte> signature = stackalloc byte[HMACSHA512.HashSizeInBytes];
        if (signatureText.Length != SignatureLength || !TryDecode(signatureText, signature, out var signatureLength)
            || signatureLength != signature.Length)
        {
            return false;
        }

        var signingText = text[..lastDot];
        var headerText = text[..firstDot];
        var payloadText = text[(firstDot + 1)..lastDot];
        var scratchLength = signingText.Length
            + Base64Url.GetMaxDecodedLength(headerText.Length)
            + Base64Url.GetMaxDecodedLength(payloadText.Length);

        byte[]? rented = null;
        // Stryker disable once Conditional,Equality : stack or pool holds the same bytes and both are wiped (the pool case is tested with a long token)
        var scratch = scratchLength <= StackLimit
            ? stackalloc byte[StackLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(scratchLength));
        try
        {
            // The alphabet check above guarantees ASCII, so this is a plain narrowing copy.
            var signingInput = scratch[..Encoding.ASCII.GetBytes(signingText, scratch)];
            var rest = scratch[signingInput.Length..];

            if (!TryMatchSignature(signingInput, signature, salt, options, out var legacy))
            {
                return false;
            }

            if (!TryDecode(headerText, rest, out var headerLength))
            {
                return false;
            }

            var header = rest[..headerLength];
            rest = rest[headerLength..];
            if (!TryDecode(payloadText, rest, out var payloadLength))
            {
                return false;
            }

            return TokenClaims.AreValid(header, rest[..payloadLength], legacy, userId, TokenClock.UnixNow(options));
        }
        finally
        {
            if (rented is not null)
            {
                // A token is a credential; do not leave it in a shared buffer.
                // Stryker disable once Statement : an array never returned to the pool only costs a later allocation; nothing to observe
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    /// <summary>
    /// Compares the tag with the current key, then, only when legacy tokens are allowed, with the
    /// legacy key. <paramref name="legacy"/> tells which one matched.
    /// </summary>
    private static bool TryMatchSignature(
        ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature, string salt, KegAuthOptions options, out bool legacy)
    {
        Span<byte> key = stackalloc byte[TokenSigningKeys.KeySize];
        Span<byte> mac = stackalloc byte[HMACSHA512.HashSizeInBytes];
        try
        {
            TokenSigningKeys.DeriveKey(salt, options.SecretKey, key);
            HMACSHA512.HashData(key, signingInput, mac);
            legacy = false;
            if (CryptographicOperations.FixedTimeEquals(mac, signature))
            {
                return true;
            }

            if (!options.AllowLegacyTokens)
            {
                return false;
            }

            var legacyKey = key[..TokenSigningKeys.LegacyKeySize];
            TokenSigningKeys.DeriveLegacyKey(salt, options.SecretKey, legacyKey);
            HMACSHA512.HashData(legacyKey, signingInput, mac);
            legacy = true;
            return CryptographicOperations.FixedTimeEquals(mac, signature);
        }
        // Stryker disable Block : the key lives on this frame's stack; no test can read it after the return
        finally
        {
            // Stryker disable once Statement : the key lives on this frame's stack; no test can read it after the return
            CryptographicOperations.ZeroMemory(key);
        }
        // Stryker restore Block
    }

    /// <summary>Strict unpadded base64url decoding (the alphabet was checked by the caller).</summary>
    private static bool TryDecode(ReadOnlySpan<char> source, Span<byte> destination, out int written) =>
        // Stryker disable once Logical : a final block is Done exactly when every character was consumed, so && and || agree; both are stated
        Base64Url.DecodeFromChars(source, destination, out var consumed, out written) == OperationStatus.Done
        && consumed == source.Length;
}
