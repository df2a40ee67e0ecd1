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
        "The class '{0}' has no key property; add 'public int Id {{ get; set; }}' or mark a property with [Key]");

    public static readonly DiagnosticDescriptor UnsupportedKeyType = Create(
        "KEG004",
        "Unsupported key type",
        "The key property '{1}' of '{0}' is of type '{2}'; use int, long, Guid or string");

    public static readonly DiagnosticDescriptor UnsupportedClassShape = Create(
        "KEG005",
        "Keg attribute on a class KegAuth cannot extend",
        "The class '{0}' is {1}; KegAuth generates members only into non-generic, non-static partial classes whose enclosing types are partial");

    /// <summary>Every descriptor, for the analyzer's supported list and for tests.</summary>
    public static readonly DiagnosticDescriptor[] All =
    {
        ClassNotPartial, MixinWithoutUser, MissingKey, UnsupportedKeyType, UnsupportedClassShape,
    };

    private static DiagnosticDescriptor Create(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");
}
