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

        var attributes = type.GetAttributes().Select(a => a.AttributeClass?.ToDisplayString()).ToList();
        return new UserModel(
            entity,
            key.Name,
            keyKind.Value,
            HasEmail: attributes.Contains(KegAttributeNames.UserEmail),
            HasToken: attributes.Contains(KegAttributeNames.UserToken),
            Registered: IsMarkedRegistered(context));
    }

    /// <summary>Whether the <c>[KegUser]</c> attribute sets <c>Registered = true</c>.</summary>
    public static bool IsMarkedRegistered(GeneratorAttributeSyntaxContext context) =>
        context.Attributes.Any(a => a.NamedArguments.Any(n => n.Key == "Registered" && n.Value.Value is true));
}
