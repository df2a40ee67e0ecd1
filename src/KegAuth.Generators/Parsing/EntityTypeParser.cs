using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.Generators.Parsing;

/// <summary>Reads where an annotated class lives; declines classes the rules refuse (the analyzer reports why).</summary>
internal static class EntityTypeParser
{
    /// <summary>The cheap syntax filter for every Keg attribute: a class declaration.</summary>
    public static bool IsCandidate(SyntaxNode node) => node is ClassDeclarationSyntax;

    /// <summary>
    /// The rules' verdict on the attributed class, or <see langword="null"/> when nothing is to be
    /// generated from this declaration: the class has a problem, or <paramref name="attribute"/> sits
    /// on another partial part too and that part speaks for the class (one file per class).
    /// </summary>
    public static EntityCheck? Check(GeneratorAttributeSyntaxContext context, KegAttributes attribute, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || !EntityRules.IsFirstAttributedPart(type, context.TargetNode, attribute))
        {
            return null;
        }

        var check = EntityRules.Check(type, cancellationToken);
        return check.CanGenerate ? check : null;
    }

    /// <summary>The model of a class the rules accepted.</summary>
    public static EntityTypeModel Parse(INamedTypeSymbol type)
    {
        var containing = new List<ContainingTypeModel>();
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            var declaration = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().FirstOrDefault();
            var keyword = declaration switch
            {
                RecordDeclarationSyntax record => "record " + (record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "struct" : "class"),
                null => "class",
                _ => declaration.Keyword.ValueText,
            };
            containing.Insert(0, new ContainingTypeModel(keyword, outer.Name));
        }

        return new EntityTypeModel(
            Namespace(type.ContainingNamespace),
            containing.ToEquatableArray(),
            type.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            MetadataName(type),
            EntityRules.IsPublic(type));
    }

    // Names as declared (event, not @event): the writer escapes, and hint names must not contain '@'.
    private static string Namespace(INamespaceSymbol ns)
    {
        var parts = new List<string>();
        for (var current = ns; current is not null && !current.IsGlobalNamespace; current = current.ContainingNamespace)
        {
            parts.Insert(0, current.Name);
        }

        return string.Join(".", parts);
    }

    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        var ns = Namespace(type.ContainingNamespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }
}
