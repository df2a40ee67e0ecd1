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

    // A generated file is a few kilobytes; growing a new builder chunk by chunk for each of them cost
    // about a sixth of a first run. One builder per thread is reused (outputs may run in parallel).
    private const int InitialCapacity = 16 * 1024;
    private const int LargestKept = 256 * 1024;

    [ThreadStatic]
    private static StringBuilder? _cached;

    private readonly StringBuilder _builder;
    private int _indentation;

    /// <summary>Starts an empty text, on this thread's reused builder when it is free.</summary>
    public SourceWriter()
    {
        _builder = _cached ?? new StringBuilder(InitialCapacity);
        _cached = null;
        _builder.Clear();
    }

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

    /// <summary>Writes each line of <paramref name="text"/> after <paramref name="prefix"/> (a doc comment's <c>///</c>), indented.</summary>
    public void WritePrefixedLines(string prefix, string text)
    {
        var start = 0;
        while (true)
        {
            var end = text.IndexOf('\n', start);
            var length = (end < 0 ? text.Length : end) - start;
            while (length > 0 && text[start + length - 1] == '\r')
            {
                length--;
            }

            _builder.Append(' ', _indentation * SpacesPerLevel).Append(prefix).Append(text, start, length).Append('\n');
            if (end < 0)
            {
                return;
            }

            start = end + 1;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => _builder.ToString();

    /// <summary>Returns the text and gives the builder back for the next file on this thread; the writer must not be used afterwards.</summary>
    public string ToStringAndFree()
    {
        var text = _builder.ToString();
        if (_builder.Capacity <= LargestKept)
        {
            _cached = _builder;
        }

        return text;
    }
}
