using System.Text;

namespace KegAuth.Tokens;

/// <summary>
/// Writes JSON exactly as Python's <c>json.dumps</c> does with its defaults (<c>ensure_ascii=True</c>),
/// because keg-auth signs the text itself: one differing escape changes every reset-token key.
/// </summary>
internal static class PythonJson
{
    private const string HexDigits = "0123456789abcdef";

    /// <summary>
    /// Appends <paramref name="value"/> as a quoted JSON string: <c>"</c> and <c>\</c> backslashed,
    /// <c>\b \f \n \r \t</c> short forms, and every other char outside printable ASCII (0x20-0x7E)
    /// as <c>\uXXXX</c> in lowercase hex, one escape per UTF-16 unit (so pairs and lone surrogates
    /// come out as Python writes them). <c>/</c> stays as is.
    /// </summary>
    public static void AppendString(StringBuilder builder, string value)
    {
        builder.Append('"');
        var runStart = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                continue;
            }

            // Copy the plain run in one go; most salts are plain ASCII throughout.
            builder.Append(value, runStart, i - runStart);
            AppendEscape(builder, c);
            runStart = i + 1;
        }

        builder.Append(value, runStart, value.Length - runStart);
        builder.Append('"');
    }

    private static void AppendEscape(StringBuilder builder, char c)
    {
        switch (c)
        {
            case '"': builder.Append("\\\""); break;
            case '\\': builder.Append("\\\\"); break;
            case '\b': builder.Append("\\b"); break;
            case '\f': builder.Append("\\f"); break;
            case '\n': builder.Append("\\n"); break;
            case '\r': builder.Append("\\r"); break;
            case '\t': builder.Append("\\t"); break;
            default:
                // Stryker disable once Bitwise : a char is never negative, so >> and >>> agree
                builder.Append("\\u")
                    .Append(HexDigits[(c >> 12) & 0xF])
                    .Append(HexDigits[(c >> 8) & 0xF])
                    .Append(HexDigits[(c >> 4) & 0xF])
                    .Append(HexDigits[c & 0xF]);
                break;
        }
    }
}
