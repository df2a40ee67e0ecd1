using System.Collections.Generic;
using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using K = KegAuth.Generators.Emitting.KnownTypes;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary>
/// The registered user's permission members, from <c>[KegUser]</c> once a permission class exists
/// (keg-auth <c>UserMixin</c> relationships, <c>get_all_permissions</c>, <c>get_all_permission_tokens</c>,
/// <c>has_all_permissions</c>, <c>has_any_permission</c>), in a file of their own. Resolution is the
/// runtime's <c>KegPermissionQuery</c>: one compiled SQL command over the mapping tables; a superuser's
/// is every permission.
/// </summary>
internal sealed class KegUserPermissionMembers : AttributeSpec<PermissionUserModel>
{
    public static readonly KegUserPermissionMembers Spec = new();

    private const string Db = K.DbContext + " db";
    private const string Ct = K.CancellationToken + " cancellationToken = default";

    private KegUserPermissionMembers()
        : base("KegUser", "KegUser.Permissions", Declare())
    {
    }

    public override EntityTypeModel TypeOf(PermissionUserModel model) => model.Type;

    public override IEnumerable<string> Interfaces(PermissionUserModel model) => [K.IKegPermissionUser];

    private static string Query(PermissionUserModel m) => K.PermissionQuery(m.Type.FullyQualifiedName, m.Permission);

    private static string Collection(string name, string type) =>
        $"public {K.Collection(type)} {name} {{ get; set; }} = new {K.HashSet(type)}();";

    private static IEnumerable<MemberSpec<PermissionUserModel>> Declare() =>
    [
        Property("Permissions", m => K.Collection(m.Permission),
            _ => "<summary>The permissions given to the user directly (keg-auth <c>permissions</c>).</summary>",
            m => Collection("Permissions", m.Permission),
            isRelationship: true, exposes: m => m.Permission),
        Property("Bundles", m => K.Collection(m.Bundle!),
            _ => "<summary>The bundles given to the user directly (keg-auth <c>bundles</c>).</summary>",
            m => Collection("Bundles", m.Bundle!),
            when: m => m.Bundle is not null, isRelationship: true, exposes: m => m.Bundle),
        Property("Groups", m => K.Collection(m.Group!),
            _ => "<summary>The groups the user belongs to (keg-auth <c>groups</c>).</summary>",
            m => Collection("Groups", m.Group!),
            when: m => m.Group is not null, isRelationship: true, exposes: m => m.Group),
        Property("_permissionTokenCache", _ => K.ReadOnlySet("string") + "?",
            _ => """<summary>The cached permission tokens; stale by design until <see cref="ClearPermissionCache()"/> (keg-auth <c>_permission_cache</c>).</summary>""",
            _ => $"""
                {K.NotMapped}
                private {K.ReadOnlySet("string")}? _permissionTokenCache;
                """,
            isRelationship: true),
        Method("GetAllPermissionsAsync", _ => $"{K.DbContext}, {K.CancellationToken}",
            _ => """
                <summary>Every permission of the user, directly and through bundles, groups and the groups' bundles; every permission for a superuser (keg-auth <c>get_all_permissions</c>). One SQL command; tracked as the context's <c>QueryTrackingBehavior</c> says.</summary>
                <param name="db">The context to query.</param>
                <param name="cancellationToken">Cancels the query.</param>
                <returns>The permissions.</returns>
                """,
            m => $$"""
                public {{K.Task(K.ReadOnlySet(m.Permission))}} GetAllPermissionsAsync({{Db}}, {{Ct}})
                {
                    global::System.ArgumentNullException.ThrowIfNull(db);
                    return IsSuperuser
                        ? {{K.PermissionSupport}}.ToSetAsync(db.Set<{{m.Permission}}>(), cancellationToken)
                        : {{Query(m)}}.PermissionsAsync(db, {{Identifier.This(m.KeyPropertyName)}}, cancellationToken);
                }
                """,
            isRelationship: true, exposes: m => m.Permission),
        Method("GetAllPermissionTokensAsync", _ => $"{K.DbContext}, {K.CancellationToken}",
            _ => $"""
                <summary>The tokens of <see cref="GetAllPermissionsAsync({K.DbContext}, {K.CancellationToken})"/> (keg-auth <c>get_all_permission_tokens</c>). Cached on this instance until <see cref="ClearPermissionCache()"/>: rights changes reset the session key, which forces a new login and a fresh user.</summary>
                <param name="db">The context to query.</param>
                <param name="cancellationToken">Cancels the query.</param>
                <returns>The tokens.</returns>
                """,
            m => $$"""
                public async {{K.Task(K.ReadOnlySet("string"))}} GetAllPermissionTokensAsync({{Db}}, {{Ct}})
                {
                    global::System.ArgumentNullException.ThrowIfNull(db);
                    return _permissionTokenCache ??= IsSuperuser
                        ? await {{K.PermissionSupport}}.ToTokenSetAsync({{K.LinqQueryable}}.Select(db.Set<{{m.Permission}}>(), permission => permission.Token), cancellationToken).ConfigureAwait(false)
                        : await {{Query(m)}}.TokensAsync(db, {{Identifier.This(m.KeyPropertyName)}}, cancellationToken).ConfigureAwait(false);
                }
                """,
            isRelationship: true),
        Method("ClearPermissionCache", _ => string.Empty,
            _ => "<summary>Forgets the cached permission tokens, so the next check queries again.</summary>",
            _ => "public void ClearPermissionCache() => _permissionTokenCache = null;",
            isRelationship: true),
        Check("HasAllPermissionsAsync", "HasAll", "every one of", "has_all_permissions"),
        Check("HasAnyPermissionAsync", "HasAny", "at least one of", "has_any_permission"),
    ];

    private static MemberSpec<PermissionUserModel> Check(string name, string support, string what, string kegName) =>
        Method(name, _ => K.DbContext + ", string[]",
            _ => $"""
                <summary>Whether the user has {what} <paramref name="tokens"/>, by the cached tokens (keg-auth <c>{kegName}</c>).</summary>
                <param name="db">The context to query.</param>
                <param name="tokens">The permission tokens.</param>
                <exception cref="global::System.ArgumentException"><paramref name="tokens"/> is empty: "all of nothing" would hold for every user.</exception>
                """,
            _ => $"""
                public async {K.Task("bool")} {name}({K.DbContext} db, params string[] tokens) =>
                    {K.PermissionSupport}.{support}(await GetAllPermissionTokensAsync(db).ConfigureAwait(false), tokens);
                """,
            isRelationship: true);
}
