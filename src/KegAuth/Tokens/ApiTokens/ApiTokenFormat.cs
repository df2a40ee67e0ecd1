using System.Text;

namespace KegAuth;

/// <summary>
/// keg-auth's API token layout: <c>urlsafe_b64encode(login id)</c> with its <c>=</c> padding, a dot,
/// then the raw token. The login id tells the server which user to load, so only one hash is checked.
/// </summary>
internal static class ApiTokenFormat
{
    /// <summary>
    /// The longest API token parsed, in characters. A 512-character login id (the column's limit) is
    /// at most 2,048 base64 characters and generated raw tokens are far shorter: anything longer is
    /// refused before it is decoded or sent to the database.
    /// </summary>
    public const int MaxLength = 4096;

    /// <summary>Joins a login id and a raw token.</summary>
    /// <exception cref="ArgumentException">A part is null or empty, has an unpaired surrogate, the login id holds a NUL, or the raw token holds a dot.</exception>
    public static string Format(string loginId, string rawToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(loginId);
        ArgumentException.ThrowIfNullOrEmpty(rawToken);
        StrictUtf8.ThrowIfInvalid(loginId, nameof(loginId));
        if (loginId.Contains('\0', StringComparison.Ordinal))
        {
            // The parser refuses it (no database can look it up): such a token could never be presented back.
            throw new ArgumentException("A login id must not contain a NUL character.", nameof(loginId));
        }

        if (rawToken.Contains('.', StringComparison.Ordinal))
        {
            // The parser splits on the one dot: such a token could never be presented back.
            throw new ArgumentException("A raw token must not contain '.'.", nameof(rawToken));
        }

        var base64 = Convert.ToBase64String(StrictUtf8.Encoding.GetBytes(loginId)).Replace('+', '-').Replace('/', '_');
        return base64 + "." + rawToken;
    }

    /// <summary>
    /// Splits an API token into login id and raw token. False, never an exception, for null, empty,
    /// no dot or more than one, an empty part, a first part that is not padded urlsafe base64 of UTF-8,
    /// a login id holding a NUL (PostgreSQL refuses it in a query parameter), or a token over <see cref="MaxLength"/>.
    /// </summary>
    public static bool TryParse(string? apiToken, out string loginId, out string rawToken)
    {
        loginId = string.Empty;
        rawToken = string.Empty;
        if (string.IsNullOrEmpty(apiToken) || apiToken.Length > MaxLength)
        {
            return false;
        }

        // The one place an empty login id or raw token is refused.
        var dot = apiToken.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == apiToken.Length - 1 || apiToken.AsSpan(dot + 1).Contains('.'))
        {
            return false;
        }

        if (!TryDecodeLoginId(apiToken.AsSpan(0, dot), out var decoded))
        {
            return false;
        }

        loginId = decoded;
        rawToken = apiToken[(dot + 1)..];
        return true;
    }

    private static bool TryDecodeLoginId(ReadOnlySpan<char> encoded, out string loginId)
    {
        // Stryker disable once String : the caller reads the out value only when this returns true
        loginId = string.Empty;

        // Python's decoder wants the padding; Convert would also skip whitespace and accept '+' and '/'.
        if (encoded.Length % 4 != 0)
        {
            return false;
        }

        var standard = new char[encoded.Length];
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c is '+' or '/' || char.IsWhiteSpace(c))
            {
                return false;
            }

            standard[i] = c switch { '-' => '+', '_' => '/', _ => c };
        }

        // Stryker disable once Arithmetic : only sizes the buffer; a larger one decodes the same bytes (a smaller one fails every round trip)
        var bytes = new byte[encoded.Length / 4 * 3];
        if (!Convert.TryFromBase64Chars(standard, bytes, out var written))
        {
            return false;
        }

        try
        {
            loginId = StrictUtf8.Encoding.GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        // Never empty: TryParse refused an empty first part, and valid base64 of 4+ chars holds a byte.
        // No stored login id holds a NUL, and PostgreSQL would fail the whole query on one.
        return !loginId.Contains('\0', StringComparison.Ordinal);
    }
}
