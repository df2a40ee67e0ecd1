using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;

namespace KegAuth.Generators.Parsing;

/// <summary>Turns a <c>[KegPermissionSet]</c> class into a <see cref="PermissionSetModel"/>.</summary>
internal static class PermissionSetParser
{
    /// <summary>The model, or <see langword="null"/> when the class cannot get <c>All</c> (the analyzer says why).</summary>
    public static PermissionSetModel? Parse(GeneratorAttributeSyntaxContext context)
    {
        // One file per class, however many parts carry the attribute.
        if (context.TargetSymbol is not INamedTypeSymbol type || !IsFirstAttributedPart(type, context.TargetNode))
        {
            return null;
        }

        var check = PermissionSetRules.Check(type);
        return check.Shape is null ? new PermissionSetModel(EntityTypeParser.Parse(type), check.Permissions.ToEquatableArray()) : null;
    }

    private static bool IsFirstAttributedPart(INamedTypeSymbol type, SyntaxNode target)
    {
        foreach (var data in type.GetAttributes())
        {
            if (data.AttributeClass?.ToDisplayString() == KegAttributeNames.PermissionSet && data.ApplicationSyntaxReference is { } reference)
            {
                return reference.SyntaxTree == target.SyntaxTree && target.Span.Contains(reference.Span);
            }
        }

        return false;
    }
}
