using System;
using System.Collections.Generic;
using System.Linq;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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
            foreach (var property in Candidates(current, typeNameId))
            {
                if (property.IsStatic || property.IsIndexer
                    || (hidden is not null && hidden.Contains(property.Name))
                    || property.GetMethod is null
                    || (inherited && (property.DeclaredAccessibility == Accessibility.Private || property.GetMethod.DeclaredAccessibility == Accessibility.Private)))
                {
                    continue;
                }

                if (MayHaveAttributes(property) && property.GetAttributes().Any(a => a.AttributeClass is { Name: "KeyAttribute" } key && key.ToDisplayString() == KegAttributeNames.Key))
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

            // A base member of a name declared here is hidden (or overridden) by it. The last class
            // before object needs no such list.
            if (current.BaseType is { SpecialType: not SpecialType.System_Object })
            {
                hidden ??= new HashSet<string>(StringComparer.Ordinal);
                hidden.UnionWith(current.MemberNames);
                hidden.UnionWith(current.GetTypeMembers().Select(nested => nested.Name));
            }
        }

        return byId ?? byTypeName;
    }

    // The properties that can be the key, in declaration order: those with attributes, and those
    // named by convention. A source class's declarations say which those are, so no symbol is made
    // for the rest of its members; a compiled base class is read in full.
    private static IEnumerable<IPropertySymbol> Candidates(INamedTypeSymbol type, string typeNameId)
    {
        var references = type.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return type.GetMembers().OfType<IPropertySymbol>();
        }

        var names = new List<string>();
        foreach (var reference in references)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration)
            {
                return type.GetMembers().OfType<IPropertySymbol>();
            }

            foreach (var member in declaration.Members)
            {
                if (member is PropertyDeclarationSyntax { ExplicitInterfaceSpecifier: null } property
                    && (property.AttributeLists.Count > 0
                        || string.Equals(property.Identifier.ValueText, "Id", StringComparison.OrdinalIgnoreCase)
                        || string.Equals(property.Identifier.ValueText, typeNameId, StringComparison.OrdinalIgnoreCase))
                    && !names.Contains(property.Identifier.ValueText))
                {
                    names.Add(property.Identifier.ValueText);
                }
            }
        }

        return names.SelectMany(name => type.GetMembers(name)).OfType<IPropertySymbol>();
    }

    // Binding a property's attributes costs more than the rest of the search; a source property
    // without attribute lists has none to bind.
    private static bool MayHaveAttributes(IPropertySymbol property)
    {
        var references = property.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return true;
        }

        foreach (var reference in references)
        {
            if (reference.GetSyntax() is not MemberDeclarationSyntax { AttributeLists.Count: 0 })
            {
                return true;
            }
        }

        return false;
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
