using KegAuth.Generators.Helpers;

namespace KegAuth.Generators.Models;

/// <summary>What the generator emits for one <c>[KegPermission]</c>, <c>[KegBundle]</c> or <c>[KegGroup]</c> class.</summary>
/// <param name="Kind">Which of the three.</param>
/// <param name="Type">The class.</param>
/// <param name="KeyPropertyName">The key property (<c>Id</c> or the <c>[Key]</c> property), as declared.</param>
/// <param name="BlockedRelationshipMembers">Relationship members the class declares itself (KEG011): with any of them registered, no relationship member is generated.</param>
internal sealed record KegEntityModel(EntityKind Kind, EntityTypeModel Type, string KeyPropertyName, EquatableArray<string> BlockedRelationshipMembers);
