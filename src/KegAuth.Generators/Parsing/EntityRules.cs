using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using KegAuth.Generators.Diagnostics;
using KegAuth.Generators.Emitting;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.Generators.Parsing;

/// <summary>
/// Decides whether KegAuth can generate an entity class, and if not, why: the one place each rule
/// lives. The parsers call it and emit nothing for a class with a problem; <see cref="KegEntityAnalyzer"/>
/// calls it and reports the problems. So when the analyzer reports, the generator has written nothing
/// for that class that could add errors on top.
/// </summary>
internal static class EntityRules
{
    /// <summary>Checks <paramref name="type"/>; cheap enough for every keystroke (name comparisons first, one member walk).</summary>
    public static EntityCheck Check(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var (attributes, registered) = KegAttributeReader.Read(type);
        var check = new EntityCheck(attributes, registered);
        var entityFlags = KegAttributeReader.EntityFlags(attributes);
        if (entityFlags.Count == 0)
        {
            check.Problems.Add(EntityProblem.Silent);
            return check;
        }

        var attribute = KegAttributeReader.ShortName(entityFlags[0]);
        var location = type.Locations.FirstOrDefault() ?? Location.None;
        var structural = Structural(type, entityFlags, attribute, location);
        if (structural is not null)
        {
            check.Problems.Add(structural);
            return check;
        }

        cancellationToken.ThrowIfCancellationRequested();
        CheckKey(type, check, location);
        CheckMembers(type, check, KegAttributeReader.KindOf(entityFlags[0]), location);
        return check;
    }

    /// <summary>
    /// Whether <paramref name="target"/> is the first declaration of <paramref name="type"/> that
    /// carries <paramref name="attribute"/>: an attribute on two partial parts is seen twice, and the
    /// class must still get one file.
    /// </summary>
    public static bool IsFirstAttributedPart(INamedTypeSymbol type, SyntaxNode target, KegAttributes attribute)
    {
        foreach (var data in type.GetAttributes())
        {
            if (KegAttributeReader.Of(data.AttributeClass) == attribute && data.ApplicationSyntaxReference is { } reference)
            {
                return reference.SyntaxTree == target.SyntaxTree && target.Span.Contains(reference.Span);
            }
        }

        return false;
    }

    /// <summary>Whether code anywhere in the assembly can name <paramref name="type"/>, and so can be exposed publicly by another class.</summary>
    public static bool IsPublic(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }
        }

        return true;
    }

    private static EntityProblem? Structural(INamedTypeSymbol type, List<KegAttributes> entityFlags, string attribute, Location location)
    {
        var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().ToList();

        // Half-typed code: a class without a name gets the compiler's error and nothing from us.
        if (type.Name.Length == 0 || declarations.Any(d => d.Identifier.IsMissing) || HasNamelessNamespace(type))
        {
            return EntityProblem.Silent;
        }

        if (declarations.Count > 0 && declarations[0].SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp11 } options)
        {
            return new(DiagnosticDescriptors.LanguageVersionTooLow, location, type.Name, attribute, options.LanguageVersion.ToDisplayString());
        }

        var shadow = ShadowingType(type.ContainingAssembly);
        if (shadow is not null)
        {
            return new(DiagnosticDescriptors.NamespaceShadowed, location, type.Name, shadow);
        }

        var shape = DescribeUnsupportedShape(type);
        if (shape is not null)
        {
            return new(DiagnosticDescriptors.UnsupportedClassShape, location, type.Name, shape);
        }

        if (declarations.Count > 0 && !declarations.Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword)))
        {
            return new(DiagnosticDescriptors.ClassNotPartial, location, type.Name, attribute);
        }

        var hidden = DescribeHidden(type);
        if (hidden is not null)
        {
            return new(DiagnosticDescriptors.EntityNotVisible, location, type.Name, hidden);
        }

        if (entityFlags.Count > 1)
        {
            return new(DiagnosticDescriptors.SeveralEntityKinds, location, type.Name, attribute, KegAttributeReader.ShortName(entityFlags[1]));
        }

        for (var current = type.BaseType; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            var baseFlags = KegAttributeReader.EntityFlags(KegAttributeReader.Read(current).Flags);
            if (baseFlags.Count > 0)
            {
                return new(DiagnosticDescriptors.EntityDerivesFromEntity, location, type.Name, attribute, current.Name, KegAttributeReader.ShortName(baseFlags[0]));
            }
        }

        return null;
    }

    // Generated code names everything as global::System.X, global::Microsoft.X, global::KegAuth.X; a
    // type of one of those names in the user's global namespace would capture every such name.
    private static readonly string[] QualifiedRoots = { "System", "Microsoft", "KegAuth" };

    private static string? ShadowingType(IAssemblySymbol? assembly)
    {
        if (assembly is null)
        {
            return null;
        }

        foreach (var root in QualifiedRoots)
        {
            if (!assembly.GlobalNamespace.GetTypeMembers(root).IsEmpty)
            {
                return root;
            }
        }

        return null;
    }

    // "namespace .Data" while typing: a namespace without a name cannot be reopened.
    private static bool HasNamelessNamespace(INamedTypeSymbol type)
    {
        for (var ns = type.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
        {
            if (ns.Name.Length == 0)
            {
                return true;
            }
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.Name.Length == 0)
            {
                return true;
            }
        }

        return false;
    }

    private static void CheckKey(INamedTypeSymbol type, EntityCheck check, Location location)
    {
        var key = KeyPropertyFinder.Find(type);
        if (key is null)
        {
            check.Problems.Add(new(DiagnosticDescriptors.MissingKey, location, type.Name));
            return;
        }

        // An unresolved type or a duplicate member already has the compiler's error on the user's code.
        if (key.Type.TypeKind == TypeKind.Error || !KeyPropertyFinder.IsUnambiguous(key))
        {
            check.Problems.Add(EntityProblem.Silent);
            return;
        }

        check.Key = key;
        check.KeyKind = KeyPropertyFinder.GetKind(key.Type);
        if (check.KeyKind is null)
        {
            var keyLocation = SymbolEqualityComparer.Default.Equals(key.ContainingType, type) ? key.Locations.FirstOrDefault() ?? location : location;
            check.Problems.Add(new(DiagnosticDescriptors.UnsupportedKeyType, keyLocation, type.Name, key.Name, key.Type.ToDisplayString()));
        }
    }

    private static void CheckMembers(INamedTypeSymbol type, EntityCheck check, EntityKind kind, Location location)
    {
        var own = OwnMembers(kind, check.Attributes);
        if (MemberCollisions.NamedLikeClass(type, own) is { } named)
        {
            check.Problems.Add(new(DiagnosticDescriptors.ClassNamedLikeMember, location, type.Name, named.Attribute));
        }

        foreach (var collision in MemberCollisions.Find(type, own))
        {
            // An inherited member may live in another assembly: then the class itself carries the report.
            var memberLocation = collision.Member.Locations.FirstOrDefault(l => l.IsInSource);
            var properties = ImmutableDictionary<string, string?>.Empty.Add(MemberCollisions.RemovableProperty, collision.Removable ? "true" : "false");
            check.Problems.Add(new(DiagnosticDescriptors.MemberCollision, memberLocation ?? location,
                collision.Member.ContainingType.Name, collision.Name, collision.Generated.Attribute, type.Name, Advice(collision, memberLocation is not null))
            { Properties = properties });
        }

        var relationships = Relationships[(int)kind];
        var blocked = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var collision in MemberCollisions.Find(type, relationships))
        {
            blocked.Add(collision.Generated.Name);
        }

        if (MemberCollisions.NamedLikeClass(type, relationships) is { } namedRelationship)
        {
            blocked.Add(namedRelationship.Name);
        }

        check.BlockedRelationshipMembers = blocked.ToList();
    }

    /// <summary>What to do about a collision: a member in the user's source can go or be renamed; one inherited from a compiled base cannot.</summary>
    public static string Advice(MemberCollisions.Collision collision, bool inSource) => inSource
        ? "remove it to use the generated one, or rename it"
        : "it is inherited from '" + collision.Member.ContainingType.ToDisplayString() + "', which cannot be changed: derive the class from another base, or move the attribute to a class that does not inherit it";

    /// <summary>The members the class's own attributes generate, known without the rest of the compilation.</summary>
    public static IReadOnlyList<GeneratedMember> OwnMembers(EntityKind kind, KegAttributes attributes) => kind switch
    {
        EntityKind.User => Users.GetOrAdd(attributes & KegAttributes.Mixins, static mixins => GeneratedMembers.ForUser(mixins)),
        EntityKind.Attempt => Attempts,
        _ => Entities[(int)kind],
    };

    // The member lists are fixed per kind (and per set of user mixins): built once, not on every keystroke.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<KegAttributes, List<GeneratedMember>> Users = new();

    private static readonly List<GeneratedMember> Attempts = GeneratedMembers.ForAttempt();

    private static readonly List<GeneratedMember>[] Entities =
        System.Enum.GetValues(typeof(EntityKind)).Cast<EntityKind>().Select(GeneratedMembers.ForEntity).ToArray();

    private static readonly List<GeneratedMember>[] Relationships =
        System.Enum.GetValues(typeof(EntityKind)).Cast<EntityKind>().Select(GeneratedMembers.MostRelationships).ToArray();

    private static string? DescribeUnsupportedShape(INamedTypeSymbol type)
    {
        if (type.IsRecord)
        {
            return "a record";
        }

        if (type.TypeKind != TypeKind.Class)
        {
            return "not a class";
        }

        if (type.IsStatic)
        {
            return "static";
        }

        if (type.IsGenericType)
        {
            return "generic";
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.IsGenericType)
            {
                return "nested in '" + outer.Name + "', which is generic";
            }

            var partial = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>()
                .Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial)
            {
                return "nested in '" + outer.Name + "', which is not partial";
            }
        }

        return null;
    }

    // The registry, the other entities and EF Core's model all name the class from outside it.
    private static string? DescribeHidden(INamedTypeSymbol type)
    {
        for (var current = type; current is not null; current = current.ContainingType)
        {
            var what = ReferenceEquals(current, type) ? string.Empty : " (it is nested in '" + current.Name + "')";
            if (current.IsFileLocal)
            {
                return "file-local" + what;
            }

            switch (current.DeclaredAccessibility)
            {
                case Accessibility.Private:
                    return "private" + what;
                case Accessibility.Protected:
                    return "protected" + what;
                case Accessibility.ProtectedAndInternal:
                    return "private protected" + what;
            }
        }

        return null;
    }
}

/// <summary>The outcome of <see cref="EntityRules.Check"/>: the attributes and key read on the way, and every problem found.</summary>
internal sealed class EntityCheck
{
    public EntityCheck(KegAttributes attributes, bool registered)
    {
        Attributes = attributes;
        Registered = registered;
    }

    /// <summary>The class's Keg attributes.</summary>
    public KegAttributes Attributes { get; }

    /// <summary>Whether <c>[KegUser(Registered = true)]</c> is set.</summary>
    public bool Registered { get; }

    /// <summary>The key, when one was found.</summary>
    public IPropertySymbol? Key { get; set; }

    /// <summary>The key's supported kind, when it has one.</summary>
    public KeyKind? KeyKind { get; set; }

    /// <summary>Why the class cannot be generated; empty when it can.</summary>
    public List<EntityProblem> Problems { get; } = new();

    /// <summary>Relationship members the class must not get, whichever classes end up registered (the user declares one of that name).</summary>
    public List<string> BlockedRelationshipMembers { get; set; } = new();

    /// <summary>Whether the generator may write the class's file.</summary>
    public bool CanGenerate => Problems.Count == 0;
}

/// <summary>One reason a class cannot be generated: the diagnostic to report, or none when the compiler's own error on the user's code says it.</summary>
internal sealed class EntityProblem
{
    /// <summary>A problem the compiler already reports on the user's code (a class without a name, an unresolved key type).</summary>
    public static readonly EntityProblem Silent = new(null, Location.None);

    public EntityProblem(DiagnosticDescriptor? descriptor, Location location, params object?[] arguments)
    {
        Descriptor = descriptor;
        Location = location;
        Arguments = arguments;
    }

    /// <summary>The diagnostic, or <see langword="null"/> for a silent problem.</summary>
    public DiagnosticDescriptor? Descriptor { get; }

    /// <summary>Where it is reported.</summary>
    public Location Location { get; }

    /// <summary>The message arguments.</summary>
    public object?[] Arguments { get; }

    /// <summary>Properties for code fixes.</summary>
    public ImmutableDictionary<string, string?>? Properties { get; init; }

    /// <summary>The diagnostic, or <see langword="null"/>.</summary>
    public Diagnostic? ToDiagnostic() => Descriptor is null ? null : Diagnostic.Create(Descriptor, Location, Properties, Arguments);
}
