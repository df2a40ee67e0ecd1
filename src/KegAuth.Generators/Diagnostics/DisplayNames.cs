using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace KegAuth.Generators.Diagnostics;

/// <summary>
/// Class names for messages that name several classes: the short name, unless another class in the
/// message set has the same short name; then the qualified name, so a message never reads
/// <c>('User', 'User')</c>.
/// </summary>
internal sealed class DisplayNames
{
    private readonly HashSet<string> _clashing;

    public DisplayNames(IEnumerable<INamedTypeSymbol> types)
    {
        _clashing = new HashSet<string>(
            types.Distinct<INamedTypeSymbol>(SymbolEqualityComparer.Default).GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => g.Key),
            System.StringComparer.Ordinal);
    }

    /// <summary>The name to show for <paramref name="type"/>.</summary>
    public string this[INamedTypeSymbol type] => _clashing.Contains(type.Name) ? type.ToDisplayString() : type.Name;

    /// <summary>The name to show for the class with the <c>global::</c>-qualified name <paramref name="fullName"/>.</summary>
    public string Of(string? fullName)
    {
        if (fullName is null)
        {
            return string.Empty;
        }

        var plain = fullName.StartsWith("global::", System.StringComparison.Ordinal) ? fullName.Substring("global::".Length) : fullName;
        var shortName = plain.Substring(plain.LastIndexOf('.') + 1).TrimStart('@');
        return _clashing.Contains(shortName) ? plain : shortName;
    }
}
