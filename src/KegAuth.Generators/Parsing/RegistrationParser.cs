using KegAuth.Generators.Models;

namespace KegAuth.Generators.Parsing;

/// <summary>Registry entries from parsed models: plain data, so the registry stays cached.</summary>
internal static class RegistrationParser
{
    /// <summary>The entry for a parsed attempt class.</summary>
    public static RegistrationModel From(AttemptModel attempt) =>
        new(EntityKind.Attempt, attempt.Type.FullyQualifiedName, attempt.Type.MetadataName, Registered: false, attempt.Type.IsPublic);

    /// <summary>The entry for a parsed user.</summary>
    public static RegistrationModel From(UserModel user) =>
        new(EntityKind.User, user.Type.FullyQualifiedName, user.Type.MetadataName, user.Registered, user.Type.IsPublic);

    /// <summary>The entry for a parsed permission, bundle or group.</summary>
    public static RegistrationModel From(KegEntityModel entity) =>
        new(entity.Kind, entity.Type.FullyQualifiedName, entity.Type.MetadataName, Registered: false, entity.Type.IsPublic);
}
