namespace KegAuth.Generators.Models;

/// <summary>What the generator emits for one <c>[KegUser]</c> class.</summary>
/// <param name="Type">The class.</param>
/// <param name="KeyPropertyName">The key property (<c>Id</c> or the <c>[Key]</c> property).</param>
/// <param name="KeyKind">The key's type.</param>
/// <param name="HasEmail">Whether <c>[KegUserEmail]</c> is present.</param>
/// <param name="HasToken">Whether <c>[KegUserToken]</c> is present.</param>
/// <param name="Registered">Whether <c>[KegUser(Registered = true)]</c> is set.</param>
internal sealed record UserModel(
    EntityTypeModel Type,
    string KeyPropertyName,
    KeyKind KeyKind,
    bool HasEmail,
    bool HasToken,
    bool Registered);
