using System.Collections.Generic;
using KegAuth.Generators.Models;
using K = KegAuth.Generators.Emitting.KnownTypes;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary><c>[KegUserEmail]</c> (keg-auth <c>UserEmailMixin</c>): the email login, stored lowercased, and its verification flag.</summary>
internal sealed class KegUserEmailMembers : AttributeSpec<UserMixinModel>
{
    public static readonly KegUserEmailMembers Spec = new();

    private KegUserEmailMembers()
        : base("KegUserEmail", "KegUserEmail", Declare())
    {
    }

    public override EntityTypeModel TypeOf(UserMixinModel model) => model.Type;

    public override IEnumerable<string> ClassAttributes(UserMixinModel model) => [K.UniqueIndex("Email")];

    public override IEnumerable<string> Interfaces(UserMixinModel model) => [K.IKegUserEmail];

    private static IEnumerable<MemberSpec<UserMixinModel>> Declare() =>
    [
        Property("Email", _ => "string",
            _ => """<summary>The email address and login id (keg-auth <c>email</c>): at most 512 characters, unique, stored lowercased so that lookups ignore case.</summary>""",
            _ => $$"""
                [{{K.MaxLength}}(512)]
                public string Email
                {
                    get => _email;
                    set => _email = {{K.UserSupport}}.NormalizeEmail(value);
                }
                """),
        Property("_email", _ => "string",
            _ => """<summary>Backs <see cref="Email"/>.</summary>""",
            _ => "private string _email = string.Empty;"),
        Property("IsVerified", _ => "bool",
            _ => """<summary>Whether the email address has been verified (keg-auth <c>is_verified</c>). Default <see langword="false"/>; an unverified user is not active.</summary>""",
            _ => "public bool IsVerified { get; set; }"),
    ];
}
