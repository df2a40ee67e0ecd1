using System.Text;

namespace KegAuth;

/// <summary>
/// UTF-8 that throws on unpaired surrogates instead of substituting U+FFFD, so two different
/// invalid strings can never hash to the same bytes (Python refuses to encode them too).
/// </summary>
internal static class StrictUtf8
{
    /// <summary>No BOM; throw on invalid UTF-16.</summary>
    public static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
