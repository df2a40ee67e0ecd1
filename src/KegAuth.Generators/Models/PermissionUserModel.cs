using KegAuth.Generators.Parsing;

namespace KegAuth.Generators.Models;

/// <summary>
/// What the registered user's permission file needs: the class, its key and the registered classes its
/// collections hold; no other part of the registry, so renaming the attempt class re-emits nothing here.
/// </summary>
/// <param name="Type">The user class.</param>
/// <param name="KeyPropertyName">The key property, as declared.</param>
/// <param name="Permission">The permission class.</param>
/// <param name="Bundle">The bundle class, if any.</param>
/// <param name="Group">The group class, if any.</param>
internal sealed record PermissionUserModel(EntityTypeModel Type, string KeyPropertyName, string Permission, string? Bundle, string? Group)
{
    /// <summary>The model when <paramref name="user"/> gets the permission members; otherwise <see langword="null"/>.</summary>
    public static PermissionUserModel? From(UserModel user, RegistryModel registry) =>
        RelationshipRules.WritesPermissionMembers(user, registry)
            ? new(user.Type, user.KeyPropertyName, registry.Permission!, registry.Bundle, registry.Group)
            : null;
}
