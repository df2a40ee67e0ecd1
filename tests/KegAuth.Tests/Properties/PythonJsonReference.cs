using System.Globalization;
using System.Text;

namespace KegAuth.Tests.Properties;

/// <summary>
/// An independent port of CPython's <c>json.encoder.py_encode_basestring_ascii</c> (what
/// <c>json.dumps</c> uses with <c>ensure_ascii=True</c>), working on code points as Python does:
/// the C# string is first read as Python would hold it (a valid pair is one code point above
/// U+FFFF; a lone surrogate is a code point of its own).
/// </summary>
internal static class PythonJsonReference
{
    private static readonly Dictionary<int, string> EscapeDct = BuildEscapes();

    /// <summary><c>'"' + ESCAPE_ASCII.sub(replace, s) + '"'</c>.</summary>
    public static string EncodeBasestringAscii(string value)
    {
        var output = new StringBuilder("\"");
        foreach (var n in PythonCodePoints(value))
        {
            // ESCAPE_ASCII = r'([\\"]|[^\ -~])'
            var matches = n is '\\' or '"' || n < ' ' || n > '~';
            if (!matches)
            {
                output.Append((char)n);
            }
            else if (EscapeDct.TryGetValue(n, out var escape))
            {
                output.Append(escape);
            }
            else if (n < 0x10000)
            {
                output.Append("\\u").Append(n.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                var m = n - 0x10000;
                var s1 = 0xd800 | ((m >> 10) & 0x3ff);
                var s2 = 0xdc00 | (m & 0x3ff);
                output.Append("\\u").Append(s1.ToString("x4", CultureInfo.InvariantCulture))
                    .Append("\\u").Append(s2.ToString("x4", CultureInfo.InvariantCulture));
            }
        }

        return output.Append('"').ToString();
    }

    /// <summary>Python's <c>datetime.isoformat()</c> of an aware UTC time, as arrow writes it.</summary>
    public static string IsoFormatUtc(DateTime utc)
    {
        var microsecond = (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10);
        var text = string.Format(
            CultureInfo.InvariantCulture,
            "{0:0000}-{1:00}-{2:00}T{3:00}:{4:00}:{5:00}",
            utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second);
        if (microsecond != 0)
        {
            text += "." + microsecond.ToString("000000", CultureInfo.InvariantCulture);
        }

        return text + "+00:00";
    }

    /// <summary>Python's <c>json.dumps([login, str(active), hash or "", isoformat or None])</c>.</summary>
    public static string Salt(string login, bool active, string? hash, DateTime? lastLogin) =>
        "[" + EncodeBasestringAscii(login)
        + ", " + EncodeBasestringAscii(active ? "True" : "False")
        + ", " + EncodeBasestringAscii(hash ?? string.Empty)
        + ", " + (lastLogin is { } time ? EncodeBasestringAscii(IsoFormatUtc(time)) : "null")
        + "]";

    private static IEnumerable<int> PythonCodePoints(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                yield return char.ConvertToUtf32(value[i], value[i + 1]);
                i++;
            }
            else
            {
                yield return value[i];
            }
        }
    }

    private static Dictionary<int, string> BuildEscapes()
    {
        var escapes = new Dictionary<int, string>
        {
            ['\\'] = "\\\\",
            ['"'] = "\\\"",
            ['\b'] = "\\b",
            ['\f'] = "\\f",
            ['\n'] = "\\n",
            ['\r'] = "\\r",
            ['\t'] = "\\t",
        };

        // for i in range(0x20): ESCAPE_DCT.setdefault(chr(i), '\\u{0:04x}'.format(i))
        for (var i = 0; i < 0x20; i++)
        {
            escapes.TryAdd(i, "\\u" + i.ToString("x4", CultureInfo.InvariantCulture));
        }

        return escapes;
    }
}
