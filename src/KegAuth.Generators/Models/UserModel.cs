using KegAuth.Generators.Helpers;

namespace KegAuth.Generators.Models;

/// <summary>What the generator emits for one <c>[KegUser]</c> class.</summary>
/// <param name="Type">The class.</param>
/// <param name="KeyPropertyName">The key property (<c>Id</c> or the <c>[Key]</c> property), as declared.</param>
/// <param name="KeyKind">The key's type.</param>
/// <param name="KeyIsNullable">Whether the key is a <c>string?</c>.</param>
/// <param name="HasEmail">Whether <c>[KegUserEmail]</c> is present.</param>
/// <param name="HasToken">Whether <c>[KegUserToken]</c> is present.</param>
/// <param name="Registered">Whether <c>[KegUser(Registered = true)]</c> is set.</param>
/// <param name="HasTotp">Whether <c>[KegUserTotp]</c> is present.</param>
/// <param name="BlockedRelationshipMembers">Permission members the class declares itself (KEG011): with any of them registered, the permission members are not generated.</param>
internal sealed record UserModel(
    EntityTypeModel Type,
    string KeyPropertyName,
    KeyKind KeyKind,
    bool KeyIsNullable,
    bool HasEmail,
    bool HasToken,
    bool HasTotp,
    bool Registered,
    EquatableArray<string> BlockedRelationshipMembers);
