using System.Collections.Generic;
using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using static KegAuth.Generators.Emitting.MemberWriter;

namespace KegAuth.Generators.Emitting;

/// <summary>
/// Emits the registered user's permission members (keg-auth <c>UserMixin</c> relationships,
/// <c>get_all_permissions</c>, <c>get_all_permission_tokens</c>, <c>has_all_permissions</c>,
/// <c>has_any_permission</c>). Resolution is the runtime's <c>KegPermissionQuery</c>: one compiled
/// SQL command over the mapping tables; a superuser's is every permission.
/// </summary>
internal static class PermissionUserEmitter
{
    /// <summary>The interface the registered user implements besides <c>IKegUser</c>.</summary>
    public const string Interface = PermissionTypes.IKegPermissionUser;

    /// <summary>Writes the members into the user's class.</summary>
    public static void Write(SourceWriter writer, UserModel user, RegistryModel registry)
    {
        var permission = registry.Permission!;
        var db = PermissionTypes.DbContext + " db";
        var ct = PermissionTypes.CancellationToken + " cancellationToken = default";
        var tokens = PermissionTypes.ReadOnlySet("string");
        var query = PermissionTypes.Query(user.Type.FullyQualifiedName, permission);

        MemberWriter.Write(writer, Summary("The permissions given to the user directly (keg-auth <c>permissions</c>)."), PermissionTypes.Collection("Permissions", permission));
        if (registry.Bundle is { } bundle)
        {
            MemberWriter.Write(writer, Summary("The bundles given to the user directly (keg-auth <c>bundles</c>)."), PermissionTypes.Collection("Bundles", bundle));
        }

        if (registry.Group is { } group)
        {
            MemberWriter.Write(writer, Summary("The groups the user belongs to (keg-auth <c>groups</c>)."), PermissionTypes.Collection("Groups", group));
        }

        MemberWriter.Write(writer, Summary("The cached permission tokens; stale by design until <see cref=\"ClearPermissionCache()\"/> (keg-auth <c>_permission_cache</c>)."),
            KnownTypes.NotMapped,
            "private " + tokens + "? _permissionTokenCache;");
        MemberWriter.Write(writer, new[]
            {
                "<summary>Every permission of the user, directly and through bundles, groups and the groups' bundles; every permission for a superuser (keg-auth <c>get_all_permissions</c>). One SQL command; tracked as the context's <c>QueryTrackingBehavior</c> says.</summary>",
                "<param name=\"db\">The context to query.</param>",
                "<param name=\"cancellationToken\">Cancels the query.</param>",
                "<returns>The permissions.</returns>",
            },
            "public " + PermissionTypes.Task(PermissionTypes.ReadOnlySet(permission)) + " GetAllPermissionsAsync(" + db + ", " + ct + ")",
            "{",
            "    " + PermissionTypes.ThrowIfNull("db"),
            "    return IsSuperuser",
            "        ? " + PermissionTypes.Support + ".ToSetAsync(db.Set<" + permission + ">(), cancellationToken)",
            "        : " + query + ".PermissionsAsync(db, " + Identifier.This(user.KeyPropertyName) + ", cancellationToken);",
            "}");
        MemberWriter.Write(writer, new[]
            {
                "<summary>The tokens of <see cref=\"GetAllPermissionsAsync(" + PermissionTypes.DbContext + ", " + PermissionTypes.CancellationToken + ")\"/> (keg-auth <c>get_all_permission_tokens</c>). Cached on this instance until <see cref=\"ClearPermissionCache()\"/>: rights changes reset the session key, which forces a new login and a fresh user.</summary>",
                "<param name=\"db\">The context to query.</param>",
                "<param name=\"cancellationToken\">Cancels the query.</param>",
                "<returns>The tokens.</returns>",
            },
            "public async " + PermissionTypes.Task(tokens) + " GetAllPermissionTokensAsync(" + db + ", " + ct + ")",
            "{",
            "    " + PermissionTypes.ThrowIfNull("db"),
            "    return _permissionTokenCache ??= IsSuperuser",
            "        ? await " + PermissionTypes.Support + ".ToTokenSetAsync(" + PermissionTypes.LinqQueryable + ".Select(db.Set<" + permission + ">(), permission => permission.Token), cancellationToken).ConfigureAwait(false)",
            "        : await " + query + ".TokensAsync(db, " + Identifier.This(user.KeyPropertyName) + ", cancellationToken).ConfigureAwait(false);",
            "}");
        MemberWriter.Write(writer, Summary("Forgets the cached permission tokens, so the next check queries again."),
            "public void ClearPermissionCache() => _permissionTokenCache = null;");
        WriteCheck(writer, "HasAllPermissionsAsync", "HasAll", "every one of", "has_all_permissions");
        WriteCheck(writer, "HasAnyPermissionAsync", "HasAny", "at least one of", "has_any_permission");
    }

    private static void WriteCheck(SourceWriter writer, string name, string support, string what, string kegName) =>
        MemberWriter.Write(writer, new[]
            {
                "<summary>Whether the user has " + what + " <paramref name=\"tokens\"/>, by the cached tokens (keg-auth <c>" + kegName + "</c>).</summary>",
                "<param name=\"db\">The context to query.</param>",
                "<param name=\"tokens\">The permission tokens.</param>",
                "<exception cref=\"global::System.ArgumentException\"><paramref name=\"tokens\"/> is empty: \"all of nothing\" would hold for every user.</exception>",
            },
            "public async " + PermissionTypes.Task("bool") + " " + name + "(" + PermissionTypes.DbContext + " db, params string[] tokens) =>",
            "    " + PermissionTypes.Support + "." + support + "(await GetAllPermissionTokensAsync(db).ConfigureAwait(false), tokens);");
}
