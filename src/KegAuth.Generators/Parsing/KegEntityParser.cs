using System.Threading;
using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;

namespace KegAuth.Generators.Parsing;

/// <summary>Turns a <c>[KegPermission]</c>, <c>[KegBundle]</c> or <c>[KegGroup]</c> class into a <see cref="KegEntityModel"/>.</summary>
internal static class KegEntityParser
{
    /// <summary>The model, or <see langword="null"/> when the class cannot be generated (the analyzer says why).</summary>
    public static KegEntityModel? Parse(GeneratorAttributeSyntaxContext context, EntityKind kind, CancellationToken cancellationToken)
    {
        var check = EntityTypeParser.Check(context, KegAttributeReader.AttributeOf(kind), cancellationToken);
        if (check is null)
        {
            return null;
        }

        var type = (INamedTypeSymbol)context.TargetSymbol;
        return new KegEntityModel(kind, EntityTypeParser.Parse(type), check.Key!.Name, check.BlockedRelationshipMembers.ToEquatableArray());
    }
}
