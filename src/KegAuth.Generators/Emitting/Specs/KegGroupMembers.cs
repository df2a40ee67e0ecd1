using System.Collections.Generic;
using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using K = KegAuth.Generators.Emitting.KnownTypes;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary>
/// <c>[KegGroup]</c> (keg-auth <c>GroupMixin</c>): the name, the collections to the registered
/// permission, bundle and user classes, and the group's resolved permissions.
/// </summary>
internal sealed class KegGroupMembers : GroupingSpec
{
    public static readonly KegGroupMembers Spec = new();

    private KegGroupMembers()
        : base("KegGroup", Declare())
    {
    }

    public override IEnumerable<string> Interfaces(GroupingModel model) => [K.IKegGroup];

    private static IEnumerable<MemberSpec<GroupingModel>> Declare() =>
    [
        Name("group"),
        Collection("Permissions", m => m.Permission, "The permissions given to the group directly (keg-auth <c>permissions</c>)."),
        Collection("Bundles", m => m.Bundle, "The bundles given to the group (keg-auth <c>bundles</c>)."),
        Collection("Users", m => m.User, "The users in the group (keg-auth <c>users</c>)."),
        Method("GetAllPermissionsAsync", _ => $"{K.DbContext}, {K.CancellationToken}",
            _ => """
                <summary>Every permission of the group: its own and its bundles' (keg-auth <c>get_all_permissions</c>), in one SQL command; tracked as the context's <c>QueryTrackingBehavior</c> says.</summary>
                <param name="db">The context to query.</param>
                <param name="cancellationToken">Cancels the query.</param>
                <returns>The permissions.</returns>
                """,
            m => $$"""
                public {{K.Task(K.ReadOnlySet(m.Permission!))}} GetAllPermissionsAsync({{K.DbContext}} db, {{K.CancellationToken}} cancellationToken = default)
                {
                    global::System.ArgumentNullException.ThrowIfNull(db);
                    return {{K.PermissionQuery(m.Type.FullyQualifiedName, m.Permission!)}}.PermissionsAsync(db, {{Identifier.This(m.KeyPropertyName)}}, cancellationToken);
                }
                """,
            when: m => m.Permission is not null, isRelationship: true, exposes: m => m.Permission),
    ];
}
