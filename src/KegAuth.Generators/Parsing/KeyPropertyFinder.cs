using System.Linq;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;

namespace KegAuth.Generators.Parsing;

/// <summary>Finds an entity's key the way EF Core does by convention: a <c>[Key]</c> property, else <c>Id</c>, on the class or a base class.</summary>
internal static class KeyPropertyFinder
{
    /// <summary>The key property, or <see langword="null"/> when there is none.</summary>
    public static IPropertySymbol? Find(INamedTypeSymbol type)
    {
        IPropertySymbol? byName = null;
        // object has no key: stopping there saves a member walk per entity on every rerun.
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            foreach (var property in current.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsIndexer)
                {
                    continue;
                }

                if (property.GetAttributes().Any(a => a.AttributeClass is { Name: "KeyAttribute" } key && key.ToDisplayString() == KegAttributeNames.Key))
                {
                    return property;
                }

                if (byName is null && property.Name == "Id")
                {
                    byName = property;
                }
            }
        }

        return byName;
    }

    /// <summary>The supported kind of <paramref name="type"/>, or <see langword="null"/> for an unsupported key type.</summary>
    public static KeyKind? GetKind(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Int32 => KeyKind.Int32,
        SpecialType.System_Int64 => KeyKind.Int64,
        SpecialType.System_String => KeyKind.String,
        _ => type.ToDisplayString() == "System.Guid" ? KeyKind.Guid : null,
    };
}
