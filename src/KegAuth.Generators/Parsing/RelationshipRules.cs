using System.Collections.Generic;
using System.Linq;
using KegAuth.Generators.Emitting;
using KegAuth.Generators.Models;

namespace KegAuth.Generators.Parsing;

/// <summary>
/// Whether an entity gets its registry-dependent members (the registered user's permission members,
/// a bundle's or group's collections): the one rule the emitters and <see cref="Diagnostics.KegRegistryAnalyzer"/>
/// share. They are left out, all together, when the class declares one of them itself (KEG011) or
/// when a public class would expose a class that is not public (KEG018).
/// </summary>
internal static class RelationshipRules
{
    /// <summary>Whether the registered user gets the permission members.</summary>
    public static bool WritesPermissionMembers(UserModel user, RegistryModel registry) =>
        registry.IsPermissionUser(user) && Allowed(EntityKind.User, user.Type, user.BlockedRelationshipMembers, registry);

    /// <summary>Whether a bundle or group gets its collections (and a group its <c>GetAllPermissionsAsync</c>).</summary>
    public static bool WritesRelationships(KegEntityModel entity, RegistryModel registry) =>
        Allowed(entity.Kind, entity.Type, entity.BlockedRelationshipMembers, registry);

    private static bool Allowed(EntityKind kind, EntityTypeModel type, IReadOnlyList<string> blocked, RegistryModel registry)
    {
        var members = kind == EntityKind.User ? GeneratedMembers.ForPermissionUser(registry) : GeneratedMembers.ForRelationships(kind, registry);
        return !members.Any(m => blocked.Contains(m.Name))
            && GeneratedMembers.Exposed(kind, registry).All(e => registry.MayExpose(type.IsPublic, e.Type));
    }
}
