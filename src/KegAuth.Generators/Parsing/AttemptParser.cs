using System.Threading;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.Generators.Parsing;

/// <summary>Turns a <c>[KegAttempt]</c> class into an <see cref="AttemptModel"/>.</summary>
internal static class AttemptParser
{
    /// <summary>The model, or <see langword="null"/> when the class cannot be extended (the analyzer says why).</summary>
    public static AttemptModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax syntax)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var entity = EntityTypeParser.Parse(type, syntax);
        return entity is null ? null : new AttemptModel(entity);
    }
}
