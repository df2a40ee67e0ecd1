using System.Threading;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.Generators.Parsing;

/// <summary>Registry entries for classes the registry only needs to name (attempts), and from parsed models.</summary>
internal static class RegistrationParser
{
    /// <summary>The entry for a class with an entity attribute, or <see langword="null"/> when it cannot be generated.</summary>
    public static RegistrationModel? Parse(GeneratorAttributeSyntaxContext context, EntityKind kind, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type || context.TargetNode is not ClassDeclarationSyntax syntax)
        {
            return null;
        }

        cancellationToken.ThrowIfCancellationRequested();
        var entity = EntityTypeParser.Parse(type, syntax);
        return entity is null ? null : new RegistrationModel(kind, entity.FullyQualifiedName, entity.MetadataName, Registered: false);
    }

    /// <summary>The entry for a parsed user.</summary>
    public static RegistrationModel From(UserModel user) =>
        new(EntityKind.User, user.Type.FullyQualifiedName, user.Type.MetadataName, user.Registered);

    /// <summary>The entry for a parsed permission, bundle or group.</summary>
    public static RegistrationModel From(KegEntityModel entity) =>
        new(entity.Kind, entity.Type.FullyQualifiedName, entity.Type.MetadataName, Registered: false);
}
