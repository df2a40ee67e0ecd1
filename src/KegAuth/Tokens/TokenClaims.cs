using System.Text.Json;
using System.Text.Unicode;
using KegAuth.Infrastructure;

namespace KegAuth.Tokens;

/// <summary>
/// Reads the header and payload of a token whose signature has already checked out, and decides
/// whether it is valid for a user at a time. Allocation-free: one <see cref="Utf8JsonReader"/> pass
/// per part, top-level properties only, anything else skipped.
/// </summary>
internal static class TokenClaims
{
    /// <summary>
    /// The last second <see cref="DateTimeOffset"/> can hold (9999-12-31T23:59:59Z). A later
    /// <c>exp</c> cannot come from a real issuer, so it is refused rather than read as "forever".
    /// </summary>
    private const double MaxUnixSeconds = 253_402_300_799;

    /// <summary>Nesting is never needed by the claims we read; this bounds work on odd input.</summary>
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    /// <summary>
    /// Whether the token is valid: header <c>alg</c> exactly <c>HS512</c>; <c>iat</c> and
    /// <c>exp</c> present and numeric (in the payload, or in the header for the legacy layout);
    /// <paramref name="now"/> &lt;= <c>exp</c>; <c>nbf</c>, when present, not after now; and
    /// <c>user_id</c> equal to <paramref name="userId"/>. False on invalid UTF-8 or any malformed JSON.
    /// </summary>
    public static bool AreValid(
        ReadOnlySpan<byte> headerJson, ReadOnlySpan<byte> payloadJson, bool legacy, KegTokenUserId userId, long now)
    {
        // The reader checks UTF-8 only in values it decodes; keg-auth decodes the whole text first.
        if (!Utf8.IsValid(headerJson) || !Utf8.IsValid(payloadJson))
        {
            return false;
        }

        try
        {
            var times = default(TokenTimes);
            return ReadHeader(headerJson, legacy, ref times)
                && ReadPayload(payloadJson, legacy, userId, ref times)
                && times.AreValidAt(now);
        }
        catch (JsonException)
        {
            // Malformed JSON, trailing data or nesting beyond MaxDepth: reported by the reader only by throwing.
            return false;
        }
    }

    private static bool ReadHeader(ReadOnlySpan<byte> json, bool legacy, ref TokenTimes times)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        // Stryker disable once Logical : the first Read() of a complete document is true (or throws), so || and && agree; a non-object also ends the loop below without its claim
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var sawAlg = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("alg"u8))
            {
                // Only HS512 is ever accepted: no "none", no other algorithm, no case folding.
                if (sawAlg || !reader.Read() || reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("HS512"u8))
                {
                    return false;
                }

                sawAlg = true;
            }
            else if (!legacy)
            {
                // Current tokens keep their times in the payload; header copies mean nothing.
                reader.Skip();
            }
            else if (!TryReadTimeProperty(ref reader, ref times))
            {
                return false;
            }
        }

        return sawAlg && IsEndOfDocument(ref reader);
    }

    private static bool ReadPayload(ReadOnlySpan<byte> json, bool legacy, KegTokenUserId userId, ref TokenTimes times)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        // Stryker disable once Logical : the first Read() of a complete document is true (or throws), so || and && agree; a non-object also ends the loop below without its claim
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        var userMatched = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("user_id"u8))
            {
                if (userMatched || !reader.Read() || !IsUser(ref reader, userId))
                {
                    return false;
                }

                userMatched = true;
            }
            else if (legacy)
            {
                // Legacy tokens carry their times in the header; payload copies mean nothing.
                reader.Skip();
            }
            else if (!TryReadTimeProperty(ref reader, ref times))
            {
                return false;
            }
        }

        return userMatched && IsEndOfDocument(ref reader);
    }

    /// <summary>
    /// At a property name: reads an <c>iat</c>, <c>exp</c> or <c>nbf</c> value into
    /// <paramref name="times"/>, or skips any other property's value. False when a time value is
    /// repeated, not a number, or not finite.
    /// </summary>
    private static bool TryReadTimeProperty(ref Utf8JsonReader reader, ref TokenTimes times)
    {
        if (reader.ValueTextEquals("iat"u8))
        {
            return TryReadTime(ref reader, ref times.IssuedAt);
        }

        if (reader.ValueTextEquals("exp"u8))
        {
            return TryReadTime(ref reader, ref times.Expires);
        }

        if (reader.ValueTextEquals("nbf"u8))
        {
            return TryReadTime(ref reader, ref times.NotBefore);
        }

        reader.Skip();
        return true;
    }

    private static bool TryReadTime(ref Utf8JsonReader reader, ref double? slot)
    {
        // A repeated claim is refused: parsers disagree on which copy wins.
        if (slot.HasValue || !reader.Read() || reader.TokenType != JsonTokenType.Number
            || !reader.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            return false;
        }

        slot = value;
        return true;
    }

    /// <summary>
    /// Integer ids match only a JSON integer of the same value (not 1.0, not "1"); string ids
    /// match only a JSON string equal ordinally after unescaping.
    /// </summary>
    private static bool IsUser(ref Utf8JsonReader reader, KegTokenUserId userId) =>
        userId.Text is { } text
            ? reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(text)
            : reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var id) && id == userId.Integer;

    /// <summary>At the object's end: true when nothing but whitespace follows (the reader throws on anything else).</summary>
    private static bool IsEndOfDocument(ref Utf8JsonReader reader) =>
        // Stryker disable once Logical : where the property loops end, the reader's own validation leaves only the object's EndObject at depth 0 and Read() false or throwing, so && and || agree; the checks state the contract
        reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == 0 && !reader.Read();

    /// <summary>The time claims found so far, in Unix seconds.</summary>
    private struct TokenTimes
    {
        public double? IssuedAt;
        public double? Expires;
        public double? NotBefore;

        /// <summary>keg-auth demands both <c>iat</c> and <c>exp</c>; authlib allows the <c>exp</c> second itself.</summary>
        public readonly bool AreValidAt(long now) =>
            IssuedAt.HasValue
            && Expires is { } expires && expires <= MaxUnixSeconds && now <= expires
            && (NotBefore is not { } notBefore || notBefore <= now);
    }
}
