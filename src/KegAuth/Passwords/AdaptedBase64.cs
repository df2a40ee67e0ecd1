namespace KegAuth;

/// <summary>
/// passlib's "adapted base64" (ab64): the standard base64 alphabet with <c>.</c> in place of <c>+</c>
/// and no <c>=</c> padding, as used in modular-crypt hashes where <c>+</c> and <c>=</c> are awkward.
/// </summary>
internal static class AdaptedBase64
{
    /// <summary>Encodes <paramref name="bytes"/> as ab64.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '.');

    /// <summary>
    /// Decodes ab64 text, strictly: only <c>A-Z a-z 0-9 . /</c>, no padding, and no length that
    /// cannot come from whole bytes. Returns <see langword="false"/> instead of throwing.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, out byte[] bytes)
    {
        bytes = [];

        // A remainder of 1 character holds only 6 bits: no byte count encodes to it.
        // Stryker disable once Arithmetic : early out; Convert refuses the padded form of such text as well
        if (text.Length % 4 == 1)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!IsAlphabet(c))
            {
                return false;
            }
        }

        var padded = string.Concat(text.ToString().Replace('.', '+'), new string('=', (4 - (text.Length % 4)) % 4));
        // Stryker disable once Arithmetic : only sizes the buffer; a larger one decodes the same bytes (a smaller one fails every hash)
        var buffer = new byte[(text.Length * 3) / 4];
        // Stryker disable once Boolean : defensive; after the length and alphabet checks Convert accepts every text
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return false;
        }

        // Stryker disable once all : for a length that is not 4n+1, written is always (length*3)/4, and both branches hold the same bytes
        bytes = written == buffer.Length ? buffer : buffer[..written];
        return true;
    }

    /// <summary>The encoded length of <paramref name="byteCount"/> bytes.</summary>
    public static int EncodedLength(int byteCount) => ((byteCount * 4) + 2) / 3;

    /// <summary>Checked by hand because <see cref="char.IsAsciiLetterOrDigit"/> alone would miss <c>.</c> and <c>/</c>.</summary>
    private static bool IsAlphabet(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '/';
}
