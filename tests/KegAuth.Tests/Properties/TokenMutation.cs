namespace KegAuth.Tests.Properties;

/// <summary>One way of changing the characters of a token, with the numbers it needs; applied without re-signing.</summary>
/// <param name="Kind">Which change.</param>
/// <param name="Position">Where (non-negative), reduced modulo the token's length.</param>
/// <param name="Amount">Non-negative: a bit index, count or repeat length, reduced to the kind's range.</param>
/// <param name="Text">Characters to insert or append.</param>
internal sealed record TokenMutation(TokenMutation.Change Kind, int Position, int Amount, string Text)
{
    /// <summary>The kinds of change.</summary>
    public enum Change
    {
        FlipBit,
        Truncate,
        InsertText,
        DeleteChars,
        ReplaceChar,
        AppendSegment,
        DropSegment,
        DuplicateSegment,
        SwapSegments,
        PadSegment,
        RepeatChar,
        ChangeCase,
    }

    /// <summary>The changed token; may equal <paramref name="token"/> (e.g. a case change of a digit).</summary>
    public string Apply(string token)
    {
        var at = Position % token.Length;
        var segments = token.Split('.');
        var segment = Position % segments.Length;
        switch (Kind)
        {
            case Change.FlipBit:
                var chars = token.ToCharArray();
                chars[at] = (char)(chars[at] ^ (1 << (Amount % 16)));
                return new string(chars);
            case Change.Truncate:
                return token[..at];
            case Change.InsertText:
                return token.Insert(at, Text);
            case Change.DeleteChars:
                return token.Remove(at, Math.Min(1 + Amount % 8, token.Length - at));
            case Change.ReplaceChar:
                return Text.Length == 0 ? token : token[..at] + Text[0] + token[(at + 1)..];
            case Change.AppendSegment:
                return token + "." + Text;
            case Change.DropSegment:
                return string.Join('.', segments.Where((_, i) => i != segment));
            case Change.DuplicateSegment:
                return string.Join('.', segments.Take(segment + 1).Append(segments[segment]).Concat(segments.Skip(segment + 1)));
            case Change.SwapSegments:
                (segments[segment], segments[(segment + 1) % segments.Length]) = (segments[(segment + 1) % segments.Length], segments[segment]);
                return string.Join('.', segments);
            case Change.PadSegment:
                segments[segment] += new string('=', 1 + (Amount % 3));
                return string.Join('.', segments);
            case Change.RepeatChar:
                // Up to ~12 K characters: crosses the 8 KB limit both ways.
                return token.Insert(at, new string(token[at], Amount % 12_000));
            case Change.ChangeCase:
                var c = token[at];
                var swapped = char.IsUpper(c) ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c);
                return token[..at] + swapped + token[(at + 1)..];
            default:
                throw new ArgumentOutOfRangeException(nameof(Kind), Kind, null);
        }
    }
}
