using System.Linq;
using System.Threading;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.Generators.Parsing;

/// <summary>Turns a <c>[KegUser]</c> class into a <see cref="UserModel"/>.</summary>
internal static class UserParser
{
    /// <summary>The model, or <see langword="null"/> when the class cannot be generated (the analyzer says why).</summary>
    public static UserModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax syntax)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var entity = EntityTypeParser.Parse(type, syntax);
        var key = KeyPropertyFinder.Find(type);
        var keyKind = key is null ? null : KeyPropertyFinder.GetKind(key.Type);
        if (entity is null || key is null || keyKind is null)
        {
            return null;
        }

        // Compare by name first: ToDisplayString per attribute was a measurable part of every rerun.
        var attributes = type.GetAttributes();
        return new UserModel(
            entity,
            key.Name,
            keyKind.Value,
            HasEmail: Has(attributes, "KegUserEmailAttribute", KegAttributeNames.UserEmail),
            HasToken: Has(attributes, "KegUserTokenAttribute", KegAttributeNames.UserToken),
            Registered: IsMarkedRegistered(context));
    }

    private static bool Has(System.Collections.Immutable.ImmutableArray<AttributeData> attributes, string name, string fullName) =>
        attributes.Any(a => a.AttributeClass is { Name: var n } c && n == name && c.ToDisplayString() == fullName);

    /// <summary>Whether the <c>[KegUser]</c> attribute sets <c>Registered = true</c>.</summary>
    public static bool IsMarkedRegistered(GeneratorAttributeSyntaxContext context) =>
        context.Attributes.Any(a => a.NamedArguments.Any(n => n.Key == "Registered" && n.Value.Value is true));
}
