using KegAuth.Generators.Helpers;
using KegAuth.Generators.Parsing;

namespace KegAuth.Generators.Models;

/// <summary>What the generator emits for one <c>[KegUser]</c> class.</summary>
/// <param name="Type">The class.</param>
/// <param name="KeyPropertyName">The key property (<c>Id</c> or the <c>[Key]</c> property), as declared.</param>
/// <param name="KeyKind">The key's type.</param>
/// <param name="KeyIsNullable">Whether the key is a <c>string?</c>.</param>
/// <param name="Mixins">The user mixins present (<c>[KegUserEmail]</c>, <c>[KegUserToken]</c>, <c>[KegUserTotp]</c>).</param>
/// <param name="Registered">Whether <c>[KegUser(Registered = true)]</c> is set.</param>
/// <param name="BlockedRelationshipMembers">Permission members the class declares itself (KEG011): with any of them registered, the permission members are not generated.</param>
internal sealed record UserModel(
    EntityTypeModel Type,
    string KeyPropertyName,
    KeyKind KeyKind,
    bool KeyIsNullable,
    KegAttributes Mixins,
    bool Registered,
    EquatableArray<string> BlockedRelationshipMembers)
{
    /// <summary>Whether <c>[KegUserEmail]</c> is present: the login id is the email.</summary>
    public bool HasEmail => Has(KegAttributes.UserEmail);

    /// <summary>Whether the user mixin <paramref name="mixin"/> is present.</summary>
    public bool Has(KegAttributes mixin) => (Mixins & mixin) != 0;
}
