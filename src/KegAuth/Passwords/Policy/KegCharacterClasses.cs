using System.Globalization;
using System.Text;

namespace KegAuth;

/// <summary>What one pass over a password finds: its length, UTF-8 size, kinds of character and bad characters.</summary>
internal readonly record struct PasswordScan(int CodePoints, long Utf8Bytes, int CharacterClasses, bool HasInvalidCharacters)
{
    private const int Lower = 1, Upper = 2, Digit = 4, Other = 8;

    /// <summary>
    /// Scans <paramref name="password"/> once. An unpaired surrogate counts as one code point of
    /// three bytes (the size of the U+FFFD it would become) and marks the password invalid, as does a
    /// control character; neither counts as a character class.
    /// </summary>
    public static PasswordScan Of(string password)
    {
        var codePoints = 0;
        long bytes = 0;
        var classes = 0;
        var invalid = false;
        for (var i = 0; i < password.Length; i++)
        {
            codePoints++;
            if (!Rune.TryGetRuneAt(password, i, out var rune))
            {
                // Unpaired surrogate: it has no UTF-8 form, so no hash could be made of it.
                invalid = true;
                bytes += 3;
                continue;
            }

            if (rune.Utf16SequenceLength == 2)
            {
                i++;
            }

            bytes += rune.Utf8SequenceLength;
            classes |= ClassOf(rune, ref invalid);
        }

        return new PasswordScan(codePoints, bytes, System.Numerics.BitOperations.PopCount((uint)classes), invalid);
    }

    private static int ClassOf(Rune rune, ref bool invalid)
    {
        switch (Rune.GetUnicodeCategory(rune))
        {
            case UnicodeCategory.LowercaseLetter:
                return Lower;
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
                return Upper;
            case UnicodeCategory.DecimalDigitNumber:
                return Digit;
            case UnicodeCategory.Control:
                // NUL, tab, newline and the like: invisible, typed differently everywhere, and NUL
                // ends the password early in C bcrypt implementations.
                invalid = true;
                return 0;
            case UnicodeCategory.Format:
            case UnicodeCategory.SpaceSeparator:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
                // Whitespace is no class in keg-auth; invisible format characters (zero-width
                // joiners and the like) should not earn one either.
                return 0;
            default:
                return Other;
        }
    }
}
