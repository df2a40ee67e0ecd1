using System;
using System.Collections.Generic;
using System.Linq;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;

namespace KegAuth.Generators.Parsing;

/// <summary>
/// Finds an entity's key the way EF Core does by convention: a <c>[Key]</c> property, else <c>Id</c>,
/// else <c>&lt;class name&gt;Id</c> (names compared ignoring case, as EF Core does), on the class or a
/// base class. Only properties the generated code can read count: a private property of a base
/// class, a write-only property or one hidden by a derived member (<c>new</c>) is skipped.
/// </summary>
internal static class KeyPropertyFinder
{
    /// <summary>The key property, or <see langword="null"/> when there is none.</summary>
    public static IPropertySymbol? Find(INamedTypeSymbol type)
    {
        IPropertySymbol? byId = null;
        IPropertySymbol? byTypeName = null;
        var typeNameId = type.Name + "Id";
        HashSet<string>? hidden = null;

        // object has no key: stopping there saves a member walk per entity on every rerun.
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            var inherited = !ReferenceEquals(current, type);
            var members = current.GetMembers();
            foreach (var member in members)
            {
                if (member is not IPropertySymbol property || property.IsStatic || property.IsIndexer
                    || (hidden is not null && hidden.Contains(property.Name))
                    || property.GetMethod is null
                    || (inherited && (property.DeclaredAccessibility == Accessibility.Private || property.GetMethod.DeclaredAccessibility == Accessibility.Private)))
                {
                    continue;
                }

                if (property.GetAttributes().Any(a => a.AttributeClass is { Name: "KeyAttribute" } key && key.ToDisplayString() == KegAttributeNames.Key))
                {
                    return property;
                }

                if (byId is null && string.Equals(property.Name, "Id", StringComparison.OrdinalIgnoreCase))
                {
                    byId = property;
                }
                else if (byTypeName is null && string.Equals(property.Name, typeNameId, StringComparison.OrdinalIgnoreCase))
                {
                    byTypeName = property;
                }
            }

            // A base member of a name declared here is hidden (or overridden) by it.
            hidden ??= new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in members)
            {
                hidden.Add(member.Name);
            }
        }

        return byId ?? byTypeName;
    }

    /// <summary>Whether <paramref name="key"/> is the only member of its name in its class; a duplicate (a compile error of the user's) makes every use ambiguous.</summary>
    public static bool IsUnambiguous(IPropertySymbol key) => key.ContainingType.GetMembers(key.Name).Length == 1;

    /// <summary>The supported kind of <paramref name="type"/>, or <see langword="null"/> for an unsupported key type.</summary>
    public static KeyKind? GetKind(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Int32 => KeyKind.Int32,
        SpecialType.System_Int64 => KeyKind.Int64,
        SpecialType.System_String => KeyKind.String,
        _ => type is { Name: "Guid", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } ? KeyKind.Guid : null,
    };
}
