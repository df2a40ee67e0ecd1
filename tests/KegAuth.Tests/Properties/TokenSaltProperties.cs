using CsCheck;
using KegAuth.Infrastructure;
using Xunit;

namespace KegAuth.Tests.Properties;

/// <summary>
/// The token salt against <see cref="PythonJsonReference"/> over random Unicode: valid surrogate
/// pairs, lone high and low surrogates, control characters, DEL, quotes, backslashes, slashes, BMP
/// characters; any activity flag, hash and last-login time. One differing byte would void every
/// token a Python keg-auth app issued.
/// </summary>
public sealed class TokenSaltProperties
{
    private static readonly PasswordHash Hash = PasswordHash.CreateForToken("fixed-token");

    /// <summary>Pieces of text, each one to two UTF-16 units, weighted towards the ones that need escaping.</summary>
    private static readonly Gen<string> Piece = Gen.Frequency(
        (3, Gen.Char[' ', '~'].Select(c => c.ToString())),
        (2, Gen.Char['\0', '\u001f'].Select(c => c.ToString())),
        (2, Gen.OneOf("\"", "\\", "/", "\u007f", "\u0080", "\u2028", "\ufeff", "\uffff")),
        (2, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)),
        (2, Gen.Char['\ud800', '\udbff'].Select(c => c.ToString())),
        (2, Gen.Char['\udc00', '\udfff'].Select(c => c.ToString())),
        (2, Gen.Char['\u0080', '\ud7ff'].Select(c => c.ToString())),
        (1, Gen.Char['\ue000', '\uffff'].Select(c => c.ToString())));

    private static readonly Gen<string> Text = Piece.Array[0, 16].Select(string.Concat);

    /// <summary>Any UTC time from year 1 to 9999, with whole seconds half the time (the no-microseconds form).</summary>
    private static readonly Gen<DateTime?> LastLogin = Gen.Select(Gen.Long[0, DateTime.MaxValue.Ticks], Gen.Bool)
        .Select(t => new DateTime(t.Item2 ? t.Item1 - (t.Item1 % TimeSpan.TicksPerSecond) : t.Item1, DateTimeKind.Utc))
        .Nullable(0.25);

    [Fact]
    public void The_salt_is_python_json_dumps_byte_for_byte()
    {
        Gen.Select(Text, Gen.Bool, Gen.Bool, LastLogin).Sample(
            (login, active, hasHash, lastLogin) =>
                KegResetTokens.BuildSalt(login, active, hasHash ? Hash : null, lastLogin)
                == PythonJsonReference.Salt(login, active, hasHash ? Hash.Hash : null, lastLogin),
            iter: PropertyRuns.Iterations(5_000),
            threads: PropertyRuns.Threads);
    }

    [Fact]
    public void The_reference_itself_matches_known_python_output()
    {
        // From CPython 3.12: json.dumps("a\"\\/\x00\x1f\x7f\u00e9\U0001f600\ud800")
        Assert.Equal("\"a\\\"\\\\/\\u0000\\u001f\\u007f\\u00e9\\ud83d\\ude00\\ud800\"",
            PythonJsonReference.EncodeBasestringAscii("a\"\\/\0\u001f\u007f\u00e9\U0001F600\ud800"));
        Assert.Equal("0001-01-01T00:00:00+00:00", PythonJsonReference.IsoFormatUtc(DateTime.MinValue));
    }
}
