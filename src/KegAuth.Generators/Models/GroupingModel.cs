using KegAuth.Generators.Parsing;

namespace KegAuth.Generators.Models;

/// <summary>What a <c>[KegBundle]</c> or <c>[KegGroup]</c> file needs: the class, its key, and the registered classes its collections hold.</summary>
/// <param name="Kind">Bundle or group.</param>
/// <param name="Type">The class.</param>
/// <param name="KeyPropertyName">The key property, as declared.</param>
/// <param name="Permission">The permission class, if any.</param>
/// <param name="Bundle">The bundle class, if any.</param>
/// <param name="Group">The group class, if any.</param>
/// <param name="User">The registered user, if any.</param>
/// <param name="WritesRelationships">Whether the collections are written (<see cref="RelationshipRules.WritesRelationships"/>).</param>
internal sealed record GroupingModel(
    EntityKind Kind, EntityTypeModel Type, string KeyPropertyName, string? Permission, string? Bundle, string? Group, string? User, bool WritesRelationships)
{
    /// <summary>The model of <paramref name="entity"/> with <paramref name="registry"/>.</summary>
    public static GroupingModel From(KegEntityModel entity, RegistryModel registry) =>
        new(entity.Kind, entity.Type, entity.KeyPropertyName, registry.Permission, registry.Bundle, registry.Group, registry.User,
            RelationshipRules.WritesRelationships(entity, registry));
}
