using Microsoft.CodeAnalysis;

namespace KegAuth.Generators.Diagnostics;

/// <summary>Every diagnostic KegAuth reports, in one place. Each links to its page under docs/diagnostics/.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "KegAuth";
    private const string HelpBase = "https://github.com/kegauth/KegAuth/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor ClassNotPartial = Create(
        "KEG001",
        "Keg entity class must be partial",
        "The class '{0}' has [{1}] but is not partial; add the 'partial' modifier so KegAuth can add its members");

    public static readonly DiagnosticDescriptor MixinWithoutUser = Create(
        "KEG002",
        "Mixin attribute needs [KegUser]",
        "The class '{0}' has [{1}] without [KegUser]; add [KegUser] to the same class");

    public static readonly DiagnosticDescriptor MissingKey = Create(
        "KEG003",
        "Keg entity has no key property",
        "The class '{0}' has no key property; add 'public int Id {{ get; set; }}' (or '{0}Id', as EF Core accepts), or mark a readable property with [Key]");

    public static readonly DiagnosticDescriptor UnsupportedKeyType = Create(
        "KEG004",
        "Unsupported key type",
        "The key property '{1}' of '{0}' is of type '{2}'; use int, long, Guid or string");

    public static readonly DiagnosticDescriptor UnsupportedClassShape = Create(
        "KEG005",
        "Keg attribute on a class KegAuth cannot extend",
        "The class '{0}' is {1}; KegAuth generates members only into non-generic, non-static partial classes whose enclosing types are partial");

    public static readonly DiagnosticDescriptor EntityAlreadyRegistered = CreateRegistry(
        "KEG006",
        "Entity class already registered",
        "Entity class already registered for {0}: '{1}' has [{2}], and so {3} {4}; no {0} class is registered until [{2}] is on one class only");

    public static readonly DiagnosticDescriptor NoRegisteredUser = CreateRegistry(
        "KEG007",
        "Several [KegUser] classes and none registered",
        "The class '{0}' is one of several [KegUser] classes ({1}) and none is registered; mark the one that owns permissions with [KegUser(Registered = true)]");

    public static readonly DiagnosticDescriptor SeveralRegisteredUsers = CreateRegistry(
        "KEG008",
        "More than one registered [KegUser] class",
        "The class '{0}' is marked [KegUser(Registered = true)], and so {2} {1}; keep Registered = true on one user class only");

    public static readonly DiagnosticDescriptor MissingPermission = CreateRegistry(
        "KEG009",
        "Bundle or group without a permission class",
        "The class '{0}' has [{1}] but no class has [KegPermission]; add a [KegPermission] class so the {2} can hold permissions");

    public static readonly DiagnosticDescriptor MemberCollision = Create(
        "KEG010",
        "Member collides with a generated member",
        "'{0}.{1}' has the name of a member that [{2}] generates on '{3}'; {4}");

    public static readonly DiagnosticDescriptor RelationshipMemberCollision = CreateRegistry(
        "KEG011",
        "Member collides with a generated permission member",
        "'{0}.{1}' has the name of a member that [{2}] generates on '{3}' because {4}; remove it to use the generated one, or rename it");

    public static readonly DiagnosticDescriptor LanguageVersionTooLow = Create(
        "KEG013",
        "KegAuth needs C# 11 or later",
        "The class '{0}' has [{1}], but the project compiles as C# {2}; KegAuth generates static interface members, which need C# 11: set <LangVersion> to 11 or later");

    public static readonly DiagnosticDescriptor EntityNotVisible = Create(
        "KEG014",
        "Keg entity class is not visible to the rest of the assembly",
        "The class '{0}' is {1}; the entity registry, the other entities and EF Core name it from outside, so make it internal or public");

    public static readonly DiagnosticDescriptor SeveralEntityKinds = Create(
        "KEG015",
        "One class, one Keg entity kind",
        "The class '{0}' has both [{1}] and [{2}]; a class can be one kind of Keg entity only, so put each attribute on its own class");

    public static readonly DiagnosticDescriptor EntityDerivesFromEntity = Create(
        "KEG016",
        "Keg entity derives from another Keg entity",
        "The class '{0}' has [{1}] and derives from '{2}', which has [{3}]; the generated members would exist twice, so derive '{0}' from a class without a Keg attribute, or remove [{1}]");

    public static readonly DiagnosticDescriptor ClassNamedLikeMember = Create(
        "KEG017",
        "Keg entity class has the name of a generated member",
        "The class '{0}' has the name of a member that [{1}] generates on it, and a member cannot have its class's name; rename the class");

    public static readonly DiagnosticDescriptor LessAccessibleRelationship = CreateRegistry(
        "KEG018",
        "Generated relationship exposes a less accessible class",
        "The class '{0}' is public, but '{2}', which its generated member '{1}' exposes, is not; make '{2}' public or '{0}' internal");

    public static readonly DiagnosticDescriptor NamespaceShadowed = Create(
        "KEG019",
        "A global type hides a namespace generated code uses",
        "The class '{0}' cannot be generated: a type named '{1}' in the global namespace hides the '{1}' namespace, which generated code names as 'global::{1}'; move that type into a namespace or rename it");

    public static readonly DiagnosticDescriptor UndeclaredPermissionToken = Create(
        "KEG012",
        "Permission token not declared",
        "No [KegPermissionSet] declares the permission token '{0}'{1}");

    public static readonly DiagnosticDescriptor PermissionSetShape = Create(
        "KEG020",
        "Permission set must be a static partial class",
        "The permission set '{0}' {1}");

    public static readonly DiagnosticDescriptor PermissionSetMember = Create(
        "KEG021",
        "Permission set field is not a const string",
        "The field '{1}' of the permission set '{0}' is not a const string; declare each permission as 'public const string {1} = \"token\";'");

    public static readonly DiagnosticDescriptor InvalidPermissionToken = Create(
        "KEG022",
        "Invalid permission token",
        "The permission '{1}' of '{0}' {2}");

    public static readonly DiagnosticDescriptor DuplicatePermissionToken = Create(
        "KEG023",
        "Permission token declared twice",
        "The token '{0}' of '{1}' is already declared by '{2}'; each token is declared once");

    /// <summary>Every descriptor, for the analyzers' supported lists and for tests.</summary>
    public static readonly DiagnosticDescriptor[] All =
    {
        ClassNotPartial, MixinWithoutUser, MissingKey, UnsupportedKeyType, UnsupportedClassShape,
        EntityAlreadyRegistered, NoRegisteredUser, SeveralRegisteredUsers, MissingPermission,
        MemberCollision, RelationshipMemberCollision, LanguageVersionTooLow, EntityNotVisible, SeveralEntityKinds,
        EntityDerivesFromEntity, ClassNamedLikeMember, LessAccessibleRelationship, NamespaceShadowed,
        UndeclaredPermissionToken, PermissionSetShape, PermissionSetMember, InvalidPermissionToken, DuplicatePermissionToken,
    };

    /// <summary>The registry rules, reported once the whole compilation has been seen.</summary>
    public static readonly DiagnosticDescriptor[] Registry =
    {
        EntityAlreadyRegistered, NoRegisteredUser, SeveralRegisteredUsers, MissingPermission, RelationshipMemberCollision, LessAccessibleRelationship,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");

    private static DiagnosticDescriptor CreateRegistry(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md",
            customTags: WellKnownDiagnosticTags.CompilationEnd);
}
