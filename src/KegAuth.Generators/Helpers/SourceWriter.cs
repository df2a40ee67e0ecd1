using System.Text;

namespace KegAuth.Generators.Helpers;

/// <summary>A small indenting text writer for emitted C#; newlines are always <c>\n</c> so output is deterministic.</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;
    private bool _justOpened;

    public void Line(string text = "")
    {
        // No blank line straight after an opening brace.
        if (text.Length == 0 && _justOpened)
        {
            return;
        }

        _justOpened = false;
        if (text.Length > 0)
        {
            _builder.Append(' ', _indent * 4).Append(text);
        }

        _builder.Append('\n');
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _indent++;
        _justOpened = true;
    }

    public void Close(string suffix = "")
    {
        _indent--;
        Line("}" + suffix);
    }

    public override string ToString() => _builder.ToString();
}
