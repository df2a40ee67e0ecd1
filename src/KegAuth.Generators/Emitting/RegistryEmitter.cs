using KegAuth.Generators.Helpers;
using KegAuth.Generators.Models;
using K = KegAuth.Generators.Emitting.KnownTypes;

namespace KegAuth.Generators.Emitting;

/// <summary>
/// Emits <c>KegAuth.Generated.KegEntityRegistry</c>, an internal static class that tells at run time
/// which kinds are registered and their CLR types (keg-auth <c>is_registered</c>, <c>user_cls</c>, ...).
/// Internal, so several assemblies with their own entities never clash. The class is wholly generated,
/// so one <c>[GeneratedCode]</c> on it covers every member.
/// </summary>
internal static class RegistryEmitter
{
    /// <summary>The hint name of the registry file.</summary>
    public const string HintName = "KegAuth.Generated.KegEntityRegistry.g.cs";

    /// <summary>The generated source.</summary>
    public static string Emit(RegistryModel registry)
    {
        var writer = new SourceWriter();
        writer.WriteLine(GeneratedCodeInfo.Header);
        writer.WriteLine();
        writer.OpenBlock("namespace KegAuth.Generated");
        writer.WriteLine("/// <summary>The KegAuth entity classes registered in this assembly (keg-auth <c>EntityRegistry</c>), chosen at compile time.</summary>");
        writer.WriteLine(GeneratedCodeInfo.GeneratedCodeAttribute);
        writer.OpenBlock("internal static class KegEntityRegistry");
        writer.WriteLine($$"""
            {{TypeProperty("UserType", registry.User, "The registered user class (keg-auth <c>user_cls</c>)")}}

            {{TypeProperty("PermissionType", registry.Permission, "The permission class (keg-auth <c>permission_cls</c>)")}}

            {{TypeProperty("BundleType", registry.Bundle, "The bundle class (keg-auth <c>bundle_cls</c>)")}}

            {{TypeProperty("GroupType", registry.Group, "The group class (keg-auth <c>group_cls</c>)")}}

            {{TypeProperty("AttemptType", registry.Attempt, "The attempt class (keg-auth <c>attempt_cls</c>)")}}

            /// <summary>The class registered for <paramref name="kind"/>, or <see langword="null"/> (keg-auth <c>get_entity_cls</c>).</summary>
            /// <param name="kind">The kind.</param>
            public static {{K.Type}}? GetEntityType({{K.EntityKind}} kind) => kind switch
            {
                {{K.EntityKind}}.User => UserType,
                {{K.EntityKind}}.Permission => PermissionType,
                {{K.EntityKind}}.Bundle => BundleType,
                {{K.EntityKind}}.Group => GroupType,
                {{K.EntityKind}}.Attempt => AttemptType,
                _ => null,
            };

            /// <summary>Whether a class is registered for <paramref name="kind"/> (keg-auth <c>is_registered</c>).</summary>
            /// <param name="kind">The kind.</param>
            public static bool IsRegistered({{K.EntityKind}} kind) => GetEntityType(kind) is not null;
            """);
        writer.CloseBlock();
        writer.CloseBlock();
        return writer.ToString();
    }

    private static string TypeProperty(string name, string? type, string doc) => $"""
        /// <summary>{doc}, or <see langword="null"/> when none is registered.</summary>
        public static {K.Type}? {name} => {(type is null ? "null" : "typeof(" + type + ")")};
        """;
}
