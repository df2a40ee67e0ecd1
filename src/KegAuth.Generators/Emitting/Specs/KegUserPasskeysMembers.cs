using System.Collections.Generic;
using KegAuth.Generators.Models;
using K = KegAuth.Generators.Emitting.KnownTypes;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary>
/// <c>[KegUserPasskeys]</c>: the user's passkeys, one collection of the runtime's <c>KegPasskey</c>
/// rows; the runtime maps the table and runs the WebAuthn ceremonies.
/// </summary>
internal sealed class KegUserPasskeysMembers : AttributeSpec<UserMixinModel>
{
    public static readonly KegUserPasskeysMembers Spec = new();

    private KegUserPasskeysMembers()
        : base("KegUserPasskeys", "KegUserPasskeys", Declare())
    {
    }

    public override EntityTypeModel TypeOf(UserMixinModel model) => model.Type;

    public override IEnumerable<string> Interfaces(UserMixinModel model) => [K.IKegUserPasskeys];

    private static IEnumerable<MemberSpec<UserMixinModel>> Declare() =>
    [
        Property("Passkeys", _ => K.Collection(K.Passkey),
            _ => """<summary>The user's passkeys (WebAuthn credentials), several per user. Adding or removing one resets <see cref="SessionKey"/> when saved, ending the user's other sessions.</summary>""",
            _ => $"public {K.Collection(K.Passkey)} Passkeys {{ get; set; }} = new {K.HashSet(K.Passkey)}();"),
    ];
}
