using System.Threading;
using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;

namespace KegAuth.Generators.Parsing;

/// <summary>Turns a <c>[KegUser]</c> class into a <see cref="UserModel"/>.</summary>
internal static class UserParser
{
    /// <summary>The model, or <see langword="null"/> when the class cannot be generated (the analyzer says why).</summary>
    public static UserModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var check = EntityTypeParser.Check(context, KegAttributes.User, cancellationToken);
        if (check is null)
        {
            return null;
        }

        var key = check.Key!;
        return new UserModel(
            EntityTypeParser.Parse((INamedTypeSymbol)context.TargetSymbol),
            key.Name,
            check.KeyKind!.Value,
            KeyIsNullable: key.NullableAnnotation == NullableAnnotation.Annotated,
            Mixins: check.Attributes & KegAttributes.Mixins,
            Registered: check.Registered,
            check.BlockedRelationshipMembers.ToEquatableArray());
    }
}
