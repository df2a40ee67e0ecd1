using System.Collections.Generic;
using KegAuth.Generators.Models;

namespace KegAuth.Generators.Emitting;

/// <summary>
/// The names (and shapes) of every member the emitters write, per entity kind: the one list the
/// collision analyzers (KEG010, KEG011) read. A test generates each configuration and checks that the
/// generated classes declare exactly these members, so the list cannot drift from the emitters.
/// Explicit interface implementations are listed with <see cref="GeneratedMember.IsExplicit"/>: only the
/// user's own explicit implementation of the same interface member collides with them.
/// </summary>
internal static class GeneratedMembers
{
    /// <summary>Stands for the entity class in a member's shape.</summary>
    public const string Self = "{self}";

    private const string Options = KnownTypes.Options;
    private const string DateTime = KnownTypes.DateTime;
    private const string Db = KnownTypes.DbContext;
    private const string Ct = KnownTypes.CancellationToken;

    /// <summary>
    /// The members a user gets from its own attributes (<c>[KegUser]</c>, <c>[KegUserEmail]</c>,
    /// <c>[KegUserToken]</c>), known without the rest of the compilation.
    /// </summary>
    public static List<GeneratedMember> ForUser(bool hasEmail, bool hasToken)
    {
        var members = new List<GeneratedMember>
        {
            Property("IsEnabled", "KegUser", "bool"),
            Property("IsSuperuser", "KegUser", "bool"),
            Property("Password", "KegUser", KnownTypes.PasswordHash + "?"),
            Property("Username", "KegUser", "string"),
            Property("SessionKey", "KegUser", "string"),
            Property("LastLoginUtc", "KegUser", DateTime + "?"),
            Property("DisabledUtc", "KegUser", DateTime + "?"),
            Property("IsDisabledByDate", "KegUser", "bool"),
            Property("IsActive", "KegUser", "bool"),
            Method("IsActiveAt", "KegUser", DateTime),
            Property("LoginIdPropertyName", "KegUser", "string"),
            Property("LoginId", "KegUser", "string"),
            Property("DisplayValue", "KegUser", "string"),
            Method("GetId", "KegUser"),
            Method("ResetSessionKey", "KegUser"),
            Method("SetPassword", "KegUser", "string", Options),
            Method("GetTokenSalt", "KegUser"),
            Method("GetTokenSignature", "KegUser", Options),
            Method("TokenGenerate", "KegUser", Options),
            Method("TokenVerify", "KegUser", "string", Options),
            Method("ChangePassword", "KegUser", "string", "string", Options),
            Method("BuildTokenSalt", "KegUser", DateTime),
            Method("BuildTokenSalt", "KegUser", Options),
            new("IsActiveExpression", "KegUser", IsMethod: false, KnownTypes.TimeRule(Self), IsExplicit: true),
            new("IsDisabledByDateExpression", "KegUser", IsMethod: false, KnownTypes.TimeRule(Self), IsExplicit: true),
        };

        if (hasEmail)
        {
            members.Add(Property("Email", "KegUserEmail", "string"));
            members.Add(Property("_email", "KegUserEmail", "string"));
            members.Add(Property("IsVerified", "KegUserEmail", "bool"));
        }

        if (hasToken)
        {
            members.Add(Property("Token", "KegUserToken", KnownTypes.PasswordHash + "?"));
            members.Add(Method("GenerateRawAuthToken", "KegUserToken", "int?", "int?", "string"));
            members.Add(Method("ResetAuthToken", "KegUserToken", Options, "int?", "int?", "string"));
            members.Add(Method("VerifyToken", "KegUserToken", "string"));
            members.Add(Method("GenerateApiToken", "KegUserToken", Options, "string"));
            members.Add(Method("GetUserForApiTokenAsync", "KegUserToken", KnownTypes.Queryable(Self), "string", Ct));
        }

        return members;
    }

    /// <summary>
    /// The relationship members an entity of <paramref name="kind"/> can get, with every other kind
    /// registered: what the parser checks the class against before the registry is known.
    /// </summary>
    public static List<GeneratedMember> MostRelationships(EntityKind kind) => kind switch
    {
        EntityKind.User => ForPermissionUser(FullRegistry),
        EntityKind.Bundle or EntityKind.Group => ForRelationships(kind, FullRegistry),
        _ => new List<GeneratedMember>(),
    };

    private static readonly RegistryModel FullRegistry = new("global::?", "global::?", "global::?", "global::?", "global::?", IsEmpty: false);

    /// <summary>The permission members only the registered user gets, when a permission class exists.</summary>
    public static List<GeneratedMember> ForPermissionUser(RegistryModel registry)
    {
        var members = new List<GeneratedMember> { Collection("Permissions", "KegUser", registry.Permission!) };
        if (registry.Bundle is { } bundle)
        {
            members.Add(Collection("Bundles", "KegUser", bundle));
        }

        if (registry.Group is { } group)
        {
            members.Add(Collection("Groups", "KegUser", group));
        }

        members.Add(Property("_permissionTokenCache", "KegUser", PermissionTypes.ReadOnlySet("string") + "?"));
        members.Add(Method("GetAllPermissionsAsync", "KegUser", Db, Ct));
        members.Add(Method("GetAllPermissionTokensAsync", "KegUser", Db, Ct));
        members.Add(Method("ClearPermissionCache", "KegUser"));
        members.Add(Method("HasAllPermissionsAsync", "KegUser", Db, "string[]"));
        members.Add(Method("HasAnyPermissionAsync", "KegUser", Db, "string[]"));
        return members;
    }

    /// <summary>The members of an attempt class.</summary>
    public static List<GeneratedMember> ForAttempt() => new()
    {
        Property("UserInput", "KegAttempt", "string"),
        Property("DatetimeUtc", "KegAttempt", DateTime),
        Property("AttemptType", "KegAttempt", KnownTypes.AttemptType + "?"),
        Property("IsDuringLockout", "KegAttempt", "bool"),
        Property("Success", "KegAttempt", "bool"),
        Property("SourceIp", "KegAttempt", "string?"),
        Method("PurgeAttemptsAsync", "KegAttempt", Db, "string", KnownTypes.TimeSpan + "?", KnownTypes.AttemptType + "?", Ct),
    };

    /// <summary>
    /// The members a permission, bundle or group gets from its attribute alone; the collections depend
    /// on the registry (<see cref="ForRelationships"/>).
    /// </summary>
    public static List<GeneratedMember> ForEntity(EntityKind kind) => kind switch
    {
        EntityKind.Permission => new()
        {
            Property("Token", "KegPermission", "string"),
            Property("Description", "KegPermission", "string?"),
            Method("GetByTokenAsync", "KegPermission", KnownTypes.Queryable(Self), "string", Ct),
        },
        EntityKind.Bundle => new() { Property("Name", "KegBundle", "string") },
        _ => new() { Property("Name", "KegGroup", "string") },
    };

    /// <summary>The relationship members of a bundle or group, which depend on which classes are registered.</summary>
    public static List<GeneratedMember> ForRelationships(EntityKind kind, RegistryModel registry)
    {
        var attribute = kind == EntityKind.Bundle ? "KegBundle" : "KegGroup";
        var members = new List<GeneratedMember>();
        AddCollection(members, "Permissions", attribute, registry.Permission);
        if (kind == EntityKind.Bundle)
        {
            AddCollection(members, "Users", attribute, registry.User);
            AddCollection(members, "Groups", attribute, registry.Group);
        }
        else
        {
            AddCollection(members, "Bundles", attribute, registry.Bundle);
            AddCollection(members, "Users", attribute, registry.User);
            if (registry.Permission is not null)
            {
                members.Add(Method("GetAllPermissionsAsync", attribute, Db, Ct));
            }
        }

        return members;
    }

    private static void AddCollection(List<GeneratedMember> members, string name, string attribute, string? type)
    {
        if (type is not null)
        {
            members.Add(Collection(name, attribute, type));
        }
    }

    private static GeneratedMember Collection(string name, string attribute, string type) =>
        Property(name, attribute, "global::System.Collections.Generic.ICollection<" + type + ">");

    private static GeneratedMember Property(string name, string attribute, string type) => new(name, attribute, IsMethod: false, type);

    private static GeneratedMember Method(string name, string attribute, params string[] parameters) =>
        new(name, attribute, IsMethod: true, "(" + string.Join(", ", parameters) + ")");
}
