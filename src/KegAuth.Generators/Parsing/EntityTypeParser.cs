using System.Linq;
using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.Generators.Parsing;

/// <summary>Reads where an annotated class lives; declines classes the generator cannot extend (the analyzer reports why).</summary>
internal static class EntityTypeParser
{
    /// <summary>The cheap syntax filter for every Keg attribute: a class declaration.</summary>
    public static bool IsCandidate(SyntaxNode node) => node is ClassDeclarationSyntax;

    /// <summary>
    /// Returns the model, or <see langword="null"/> when the class is not partial, is generic or static,
    /// or sits inside a type that is not partial.
    /// </summary>
    public static EntityTypeModel? Parse(INamedTypeSymbol type, ClassDeclarationSyntax syntax)
    {
        if (!syntax.Modifiers.Any(SyntaxKind.PartialKeyword) || type.IsGenericType || type.IsStatic)
        {
            return null;
        }

        var containing = ImmutableContainingTypes(type);
        if (containing is null)
        {
            return null;
        }

        var ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
        return new EntityTypeModel(
            ns,
            containing.Value,
            type.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            MetadataName(type));
    }

    private static EquatableArray<ContainingTypeModel>? ImmutableContainingTypes(INamedTypeSymbol type)
    {
        var chain = new System.Collections.Generic.List<ContainingTypeModel>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            var declaration = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (declaration is null || !declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return null;
            }

            var keyword = declaration is RecordDeclarationSyntax record
                ? "record " + (record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "struct" : "class")
                : declaration.Keyword.ValueText;
            var name = outer.Name + (outer.TypeParameters.Length == 0 ? string.Empty : "<" + string.Join(", ", outer.TypeParameters.Select(p => p.Name)) + ">");
            chain.Insert(0, new ContainingTypeModel(keyword, name));
        }

        return chain.ToEquatableArray();
    }

    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        return type.ContainingNamespace.IsGlobalNamespace ? name : type.ContainingNamespace.ToDisplayString() + "." + name;
    }
}
