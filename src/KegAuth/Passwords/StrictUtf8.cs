using System.Text;

namespace KegAuth;

/// <summary>
/// UTF-8 that throws on unpaired surrogates instead of substituting U+FFFD, so two different
/// invalid strings can never hash to the same bytes (Python refuses to encode them too).
/// </summary>
internal static class StrictUtf8
{
    /// <summary>No BOM; throw on invalid UTF-16.</summary>
    // Stryker disable once Boolean : GetBytes never writes the BOM; only GetPreamble would, and nothing calls it
    public static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when <paramref name="value"/> has an unpaired surrogate.
    /// The encoder's own exception names the character and its index, which would leak part of a secret.
    /// </summary>
    public static void ThrowIfInvalid(string value, string paramName)
    {
        try
        {
            _ = Encoding.GetByteCount(value);
        }
        catch (EncoderFallbackException)
        {
            throw new ArgumentException("The value is not valid UTF-16: it has an unpaired surrogate, which has no UTF-8 form.", paramName);
        }
    }
}
