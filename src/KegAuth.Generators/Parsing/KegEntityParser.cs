using System.Threading;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.Generators.Parsing;

/// <summary>Turns a <c>[KegPermission]</c>, <c>[KegBundle]</c> or <c>[KegGroup]</c> class into a <see cref="KegEntityModel"/>.</summary>
internal static class KegEntityParser
{
    /// <summary>The model, or <see langword="null"/> when the class cannot be generated (the analyzer says why).</summary>
    public static KegEntityModel? Parse(GeneratorAttributeSyntaxContext context, EntityKind kind, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax syntax)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var entity = EntityTypeParser.Parse(type, syntax);
        var key = KeyPropertyFinder.Find(type);
        if (entity is null || key is null || KeyPropertyFinder.GetKind(key.Type) is null)
        {
            return null;
        }

        return new KegEntityModel(kind, entity, key.Name);
    }
}
