using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using KegAuth.Generators.Parsing;
using static KegAuth.Generators.Emitting.MemberWriter;

namespace KegAuth.Generators.Emitting;

/// <summary>
/// Emits the keg-auth <c>PermissionMixin</c>, <c>BundleMixin</c> and <c>GroupMixin</c> members. The
/// many-to-many tables behind the collections are mapped by <c>UseKegAuth</c>.
/// </summary>
internal static class KegEntityEmitter
{
    /// <summary>The hint name of the entity's generated file.</summary>
    public static string HintName(KegEntityModel model) => HintNames.For(model.Type, "Keg" + model.Kind);

    /// <summary>The generated source for <paramref name="model"/> with the registry's other classes.</summary>
    public static string Emit(KegEntityModel model, RegistryModel registry) => model.Kind switch
    {
        EntityKind.Permission => EmitPermission(model),
        EntityKind.Bundle => EmitBundle(model, registry),
        _ => EmitGroup(model, registry),
    };

    private static string EmitPermission(KegEntityModel model)
    {
        var self = model.Type.FullyQualifiedName;
        return PartialClassWriter.Write(model.Type, new[] { KnownTypes.UniqueIndex("Token") }, new[] { PermissionTypes.IKegPermission }, writer =>
        {
            Write(writer, Summary("The permission token (keg-auth <c>token</c>): at most 1024 characters, unique."),
                "[" + KnownTypes.MaxLength + "(1024)]",
                "public string Token { get; set; } = string.Empty;");
            Write(writer, Summary("A description for people (keg-auth <c>description</c>); <see langword=\"null\"/> when there is none."),
                "public string? Description { get; set; }");
            Write(writer, new[]
                {
                    "<summary>The permission with <paramref name=\"token\"/>, or <see langword=\"null\"/> (keg-auth <c>get_by_token</c>).</summary>",
                    "<param name=\"permissions\">The permissions to search, usually <c>db.Set&lt;" + Identifier.Escape(model.Type.Name) + "&gt;()</c>.</param>",
                    "<param name=\"token\">The token.</param>",
                    "<param name=\"cancellationToken\">Cancels the query.</param>",
                },
                "public static " + PermissionTypes.Task(self + "?") + " GetByTokenAsync(" + PermissionTypes.Queryable(self) + " permissions, string token, " + PermissionTypes.CancellationToken + " cancellationToken = default) =>",
                "    " + PermissionTypes.EfQueryable + ".FirstOrDefaultAsync(permissions, permission => permission.Token == token, cancellationToken);");
        });
    }

    private static string EmitBundle(KegEntityModel model, RegistryModel registry) =>
        PartialClassWriter.Write(model.Type, new[] { KnownTypes.UniqueIndex("Name") }, new[] { PermissionTypes.IKegBundle }, writer =>
        {
            WriteName(writer, "bundle");
            if (!RelationshipRules.WritesRelationships(model, registry))
            {
                return;
            }

            WriteCollection(writer, registry.Permission, "Permissions", "The permissions in the bundle (keg-auth <c>permissions</c>).");
            WriteCollection(writer, registry.User, "Users", "The users given the bundle directly (keg-auth <c>users</c>).");
            WriteCollection(writer, registry.Group, "Groups", "The groups that hold the bundle (keg-auth <c>groups</c>).");
        });

    private static string EmitGroup(KegEntityModel model, RegistryModel registry) =>
        PartialClassWriter.Write(model.Type, new[] { KnownTypes.UniqueIndex("Name") }, new[] { PermissionTypes.IKegGroup }, writer =>
        {
            WriteName(writer, "group");
            if (!RelationshipRules.WritesRelationships(model, registry))
            {
                return;
            }

            WriteCollection(writer, registry.Permission, "Permissions", "The permissions given to the group directly (keg-auth <c>permissions</c>).");
            WriteCollection(writer, registry.Bundle, "Bundles", "The bundles given to the group (keg-auth <c>bundles</c>).");
            WriteCollection(writer, registry.User, "Users", "The users in the group (keg-auth <c>users</c>).");
            if (registry.Permission is { } permission)
            {
                WriteGroupPermissions(writer, model, permission);
            }
        });

    private static void WriteName(SourceWriter writer, string kind) =>
        Write(writer, Summary("The " + kind + " name (keg-auth <c>name</c>): at most 1024 characters, unique."),
            "[" + KnownTypes.MaxLength + "(1024)]",
            "public string Name { get; set; } = string.Empty;");

    private static void WriteCollection(SourceWriter writer, string? type, string name, string doc)
    {
        if (type is not null)
        {
            Write(writer, Summary(doc), PermissionTypes.Collection(name, type));
        }
    }

    private static void WriteGroupPermissions(SourceWriter writer, KegEntityModel model, string permission)
    {
        var lines = new[]
        {
            "public " + PermissionTypes.Task(PermissionTypes.ReadOnlySet(permission)) + " GetAllPermissionsAsync(" + PermissionTypes.DbContext + " db, " + PermissionTypes.CancellationToken + " cancellationToken = default)",
            "{",
            "    " + PermissionTypes.ThrowIfNull("db"),
            "    return " + PermissionTypes.Query(model.Type.FullyQualifiedName, permission) + ".PermissionsAsync(db, " + Identifier.This(model.KeyPropertyName) + ", cancellationToken);",
            "}",
        };
        Write(writer, new[]
            {
                "<summary>Every permission of the group: its own and its bundles' (keg-auth <c>get_all_permissions</c>), in one SQL command; tracked as the context's <c>QueryTrackingBehavior</c> says.</summary>",
                "<param name=\"db\">The context to query.</param>",
                "<param name=\"cancellationToken\">Cancels the query.</param>",
                "<returns>The permissions.</returns>",
            },
            lines);
    }
}
