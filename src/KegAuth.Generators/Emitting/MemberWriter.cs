using KegAuth.Generators.Helpers;

namespace KegAuth.Generators.Emitting;

/// <summary>Writes one generated member: its XML doc, <c>[GeneratedCode]</c>, extra attributes and body lines.</summary>
internal static class MemberWriter
{
    /// <summary>Writes a blank separator line, then the member.</summary>
    /// <param name="writer">The target.</param>
    /// <param name="doc">The XML doc lines without the leading <c>///</c>.</param>
    /// <param name="lines">The declaration; attributes may come first. Null lines are left out (optional parts).</param>
    public static void Write(SourceWriter writer, string[] doc, params string?[] lines)
    {
        writer.Line();
        foreach (var line in doc)
        {
            writer.Line("/// " + line);
        }

        writer.Line(GeneratedCodeInfo.GeneratedCodeAttribute);
        foreach (var line in lines)
        {
            if (line is not null)
            {
                writer.Line(line);
            }
        }
    }

    /// <summary>A one-line summary doc.</summary>
    public static string[] Summary(string text) => new[] { "<summary>" + text + "</summary>" };
}
