using System.Threading;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;

namespace KegAuth.Generators.Parsing;

/// <summary>Turns a <c>[KegAttempt]</c> class into an <see cref="AttemptModel"/>.</summary>
internal static class AttemptParser
{
    /// <summary>The model, or <see langword="null"/> when the class cannot be generated (the analyzer says why).</summary>
    public static AttemptModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken) =>
        EntityTypeParser.Check(context, KegAttributes.Attempt, cancellationToken) is null
            ? null
            : new AttemptModel(EntityTypeParser.Parse((INamedTypeSymbol)context.TargetSymbol));
}
