using CsCheck;

namespace KegAuth.Tests.Properties;

/// <summary>Generators for token and string properties.</summary>
internal static class TokenGens
{
    /// <summary>Characters that matter to a token parser: its alphabet, padding, JSON and base64 punctuation, whitespace, non-ASCII.</summary>
    public const string Interesting = "AZaz09-_.=+/ \t\n\r\0{}[]\":,\\é€\u00ff\u0100\ud83d\ude00\ud800\udfff\ufeff";

    /// <summary>A char that is mostly interesting and sometimes any UTF-16 unit.</summary>
    public static readonly Gen<char> Char = Gen.Frequency(
        (4, Gen.Char[Interesting]),
        (1, Gen.Char[char.MinValue, char.MaxValue]));

    /// <summary>A short string of <see cref="Char"/>.</summary>
    public static readonly Gen<string> Text = Char.Array[0, 12].Select(chars => new string(chars));

    /// <summary>Valid UTF-16 (no lone surrogates): ASCII, other BMP characters and astral ones, 0 to 12 code points.</summary>
    public static readonly Gen<string> ValidText = Gen.Frequency(
            (4, Gen.Char[' ', '~'].Select(c => c.ToString())),
            (1, Gen.Char['\0', '\u001f'].Select(c => c.ToString())),
            (2, Gen.Char['\u0080', '\ud7ff'].Select(c => c.ToString())),
            (1, Gen.Int[0x10000, 0x10FFFF].Select(char.ConvertFromUtf32)))
        .Array[0, 12].Select(string.Concat);

    /// <summary>Any change to a token.</summary>
    public static readonly Gen<TokenMutation> Mutation =
        Gen.Select(Gen.Enum<TokenMutation.Change>(), Gen.Int[0, 1_000_000], Gen.Int[0, 1_000_000], Text, (kind, position, amount, text) => new TokenMutation(kind, position, amount, text));

    /// <summary>One to four changes in a row.</summary>
    public static readonly Gen<TokenMutation[]> Mutations = Mutation.Array[1, 4];
}
