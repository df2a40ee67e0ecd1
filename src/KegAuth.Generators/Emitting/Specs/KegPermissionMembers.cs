using System.Collections.Generic;
using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using K = KegAuth.Generators.Emitting.KnownTypes;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary><c>[KegPermission]</c> (keg-auth <c>PermissionMixin</c>): the token, its description and the lookup by token.</summary>
internal sealed class KegPermissionMembers : AttributeSpec<KegEntityModel>
{
    public static readonly KegPermissionMembers Spec = new();

    private KegPermissionMembers()
        : base("KegPermission", "KegPermission", Declare())
    {
    }

    public override EntityTypeModel TypeOf(KegEntityModel model) => model.Type;

    public override IEnumerable<string> ClassAttributes(KegEntityModel model) => [K.UniqueIndex("Token")];

    public override IEnumerable<string> Interfaces(KegEntityModel model) => [K.IKegPermission];

    private static IEnumerable<MemberSpec<KegEntityModel>> Declare() =>
    [
        Property("Token", _ => "string",
            _ => "<summary>The permission token (keg-auth <c>token</c>): at most 1024 characters, unique.</summary>",
            _ => $$"""
                [{{K.MaxLength}}(1024)]
                public string Token { get; set; } = string.Empty;
                """),
        Property("Description", _ => "string?",
            _ => """<summary>A description for people (keg-auth <c>description</c>); <see langword="null"/> when there is none.</summary>""",
            _ => "public string? Description { get; set; }"),
        Method("GetByTokenAsync", m => $"{K.Queryable(m.Type.FullyQualifiedName)}, string, {K.CancellationToken}",
            m => $"""
                <summary>The permission with <paramref name="token"/>, or <see langword="null"/> (keg-auth <c>get_by_token</c>).</summary>
                <param name="permissions">The permissions to search, usually <c>db.Set&lt;{Identifier.Escape(m.Type.Name)}&gt;()</c>.</param>
                <param name="token">The token.</param>
                <param name="cancellationToken">Cancels the query.</param>
                """,
            m => $"""
                public static {K.Task(m.Type.FullyQualifiedName + "?")} GetByTokenAsync({K.Queryable(m.Type.FullyQualifiedName)} permissions, string token, {K.CancellationToken} cancellationToken = default) =>
                    {K.EfQueryable}.FirstOrDefaultAsync(permissions, permission => permission.Token == token, cancellationToken);
                """),
    ];
}
