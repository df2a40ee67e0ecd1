using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;

namespace KegAuth.Generators.Emitting;

/// <summary>
/// Emits <c>KegAuth.Generated.KegEntityRegistry</c>, an internal static class that tells at run time
/// which kinds are registered and their CLR types (keg-auth <c>is_registered</c>, <c>user_cls</c>, ...).
/// Internal, so several assemblies with their own entities never clash.
/// </summary>
internal static class RegistryEmitter
{
    /// <summary>The hint name of the registry file.</summary>
    public const string HintName = "KegAuth.Generated.KegEntityRegistry.g.cs";

    /// <summary>The generated source.</summary>
    public static string Emit(RegistryModel registry)
    {
        var writer = new SourceWriter();
        writer.Line(GeneratedCodeInfo.Header.TrimEnd('\n'));
        writer.Line();
        writer.Open("namespace KegAuth.Generated");
        writer.Line("/// <summary>The KegAuth entity classes registered in this assembly (keg-auth <c>EntityRegistry</c>), chosen at compile time.</summary>");
        writer.Line(GeneratedCodeInfo.GeneratedCodeAttribute);
        writer.Open("internal static class KegEntityRegistry");
        Type(writer, "UserType", registry.User, "The registered user class (keg-auth <c>user_cls</c>)");
        Type(writer, "PermissionType", registry.Permission, "The permission class (keg-auth <c>permission_cls</c>)");
        Type(writer, "BundleType", registry.Bundle, "The bundle class (keg-auth <c>bundle_cls</c>)");
        Type(writer, "GroupType", registry.Group, "The group class (keg-auth <c>group_cls</c>)");
        Type(writer, "AttemptType", registry.Attempt, "The attempt class (keg-auth <c>attempt_cls</c>)");
        MemberWriter.Write(writer, new[]
            {
                "<summary>The class registered for <paramref name=\"kind\"/>, or <see langword=\"null\"/> (keg-auth <c>get_entity_cls</c>).</summary>",
                "<param name=\"kind\">The kind.</param>",
            },
            "public static " + PermissionTypes.Type + "? GetEntityType(" + PermissionTypes.EntityKind + " kind) => kind switch",
            "{",
            "    " + PermissionTypes.EntityKind + ".User => UserType,",
            "    " + PermissionTypes.EntityKind + ".Permission => PermissionType,",
            "    " + PermissionTypes.EntityKind + ".Bundle => BundleType,",
            "    " + PermissionTypes.EntityKind + ".Group => GroupType,",
            "    " + PermissionTypes.EntityKind + ".Attempt => AttemptType,",
            "    _ => null,",
            "};");
        MemberWriter.Write(writer, new[]
            {
                "<summary>Whether a class is registered for <paramref name=\"kind\"/> (keg-auth <c>is_registered</c>).</summary>",
                "<param name=\"kind\">The kind.</param>",
            },
            "public static bool IsRegistered(" + PermissionTypes.EntityKind + " kind) => GetEntityType(kind) is not null;");
        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static void Type(SourceWriter writer, string name, string? type, string doc) =>
        MemberWriter.Write(writer, MemberWriter.Summary(doc + ", or <see langword=\"null\"/> when none is registered."),
            "public static " + PermissionTypes.Type + "? " + name + " => " + (type is null ? "null" : "typeof(" + type + ")") + ";");
}
