using System.Text;
using KegAuth.Generators.Models;

namespace KegAuth.Generators.Emitting;

/// <summary>
/// Hint names of generated files: the metadata name (namespace, <c>+</c> for nesting, so
/// <c>Ns.A+B</c> and <c>Ns.A.B</c> differ) and the kind. Roslyn compares hint names ignoring case,
/// so a name that differs from another only in case (<c>User</c>, <c>USER</c>) must still differ:
/// a name whose parts are not plain capitalised words gets a suffix that spells out its upper-case
/// letters, computed from the name alone so it is the same on every run. Every hint name goes through
/// <see cref="Sanitise"/>: a character Roslyn refuses in a hint name (<c>&lt;</c> in a file-local
/// type's metadata name, or anything outside plain ASCII) never reaches <c>AddSource</c>.
/// </summary>
internal static class HintNames
{
    /// <summary>The hint name of <paramref name="type"/>'s file for <paramref name="kind"/> (<c>KegUser</c>).</summary>
    public static string For(EntityTypeModel type, string kind)
    {
        var name = type.MetadataName;
        return Sanitise(IsCapitalisedWords(name)
            ? name + "." + kind + ".g.cs"
            : name + "." + kind + "." + UpperCaseMask(name) + ".g.cs");
    }

    /// <summary>
    /// The one place a hint name is made safe: ASCII letters, digits, <c>.</c>, <c>+</c>, <c>_</c> and
    /// <c>-</c> stay; any other character becomes <c>_</c> and its hex code, so distinct names stay distinct.
    /// </summary>
    public static string Sanitise(string hintName)
    {
        var safe = new StringBuilder(hintName.Length);
        foreach (var c in hintName)
        {
            if (c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '+' or '_' or '-')
            {
                safe.Append(c);
            }
            else
            {
                safe.Append('_').Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return safe.ToString();
    }

    // "Sample.Entities+User": every part is one upper-case letter then lower case, the form two names
    // equal ignoring case cannot both have, so it needs no suffix.
    private static bool IsCapitalisedWords(string name)
    {
        var startOfPart = true;
        foreach (var c in name)
        {
            if (c is '.' or '+')
            {
                startOfPart = true;
                continue;
            }

            if (startOfPart ? !char.IsUpper(c) : char.IsUpper(c))
            {
                return false;
            }

            startOfPart = false;
        }

        return true;
    }

    // One bit per character, set for upper case, as hex: with the name ignoring case it gives back the exact name.
    private static string UpperCaseMask(string name)
    {
        var hex = new StringBuilder();
        for (var i = 0; i < name.Length; i += 4)
        {
            var nibble = 0;
            for (var j = 0; j < 4 && i + j < name.Length; j++)
            {
                nibble |= char.IsUpper(name[i + j]) ? 1 << j : 0;
            }

            hex.Append("0123456789abcdef"[nibble]);
        }

        return hex.ToString();
    }
}
