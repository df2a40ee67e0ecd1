using System;
using System.Text;

namespace KegAuth.Generators.Helpers;

/// <summary>
/// Writes emitted C# with the indentation kept by the writer, after dotnet/runtime's System.Text.Json
/// <c>SourceWriter</c>: templates are written flush left (raw string literals) and
/// <see cref="WriteLine(string)"/> indents every line of a multi-line text to the current level.
/// Newlines are always <c>\n</c> and blank lines carry no indentation, so output is the same on every
/// machine whatever line endings the generator's own source was checked out with.
/// </summary>
internal sealed class SourceWriter
{
    private const int SpacesPerLevel = 4;
    private readonly StringBuilder _builder = new();
    private int _indentation;

    /// <summary>The current indentation level.</summary>
    public int Indentation
    {
        get => _indentation;
        set => _indentation = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    /// <summary>Writes a blank line.</summary>
    public void WriteLine() => _builder.Append('\n');

    /// <summary>Writes <paramref name="text"/>, each of its lines indented to the current level.</summary>
    public void WriteLine(string text)
    {
        var start = 0;
        while (true)
        {
            var end = text.IndexOf('\n', start);
            var length = (end < 0 ? text.Length : end) - start;
            if (length > 0 && text[start + length - 1] == '\r')
            {
                length--;
            }

            if (length > 0)
            {
                _builder.Append(' ', _indentation * SpacesPerLevel).Append(text, start, length);
            }

            _builder.Append('\n');
            if (end < 0)
            {
                return;
            }

            start = end + 1;
        }
    }

    /// <summary>Writes <paramref name="header"/> and an opening brace, then indents one level.</summary>
    public void OpenBlock(string header)
    {
        WriteLine(header);
        WriteLine("{");
        Indentation++;
    }

    /// <summary>Outdents one level and writes the closing brace.</summary>
    public void CloseBlock()
    {
        Indentation--;
        WriteLine("}");
    }

    /// <inheritdoc/>
    public override string ToString() => _builder.ToString();
}
