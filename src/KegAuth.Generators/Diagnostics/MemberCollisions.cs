using System.Collections.Generic;
using System.Linq;
using KegAuth.Generators.Emitting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.Generators.Diagnostics;

/// <summary>
/// Finds the user's members (declared or inherited) that collide with members KegAuth generates:
/// what the compiler would report as a duplicate or hidden member inside the generated file, found
/// here so the diagnostic lands on the user's own code. The parsers ask the same question, so an
/// entity with a collision gets nothing generated on top of the diagnostic.
/// </summary>
internal static class MemberCollisions
{
    /// <summary>The diagnostic property that tells the code fix the member can simply be removed.</summary>
    public const string RemovableProperty = "Removable";

    /// <summary>Property and field types, with nullable annotations: the code fix removes only an exact match.</summary>
    public static readonly SymbolDisplayFormat TypeFormat =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>Parameter types without reference nullability, which does not tell overloads apart.</summary>
    public static readonly SymbolDisplayFormat ParameterFormat = SymbolDisplayFormat.FullyQualifiedFormat;

    /// <summary>A found collision.</summary>
    /// <param name="Member">The user's member.</param>
    /// <param name="Name">The member's name as users read it (for an explicit implementation, the interface member's name).</param>
    /// <param name="Generated">The generated member it collides with.</param>
    /// <param name="Removable">Whether removing the user's member leaves the class as it was meant: an auto-property of the same type, declared here, with no initializer or attributes.</param>
    public sealed record Collision(ISymbol Member, string Name, GeneratedMember Generated, bool Removable);

    /// <summary>The collisions of <paramref name="type"/>'s members with <paramref name="generated"/>.</summary>
    public static IEnumerable<Collision> Find(INamedTypeSymbol type, IReadOnlyList<GeneratedMember> generated)
    {
        if (generated.Count == 0)
        {
            return Enumerable.Empty<Collision>();
        }

        var byName = Lookups.GetValue(generated, static list => list.ToLookup(g => g.Name));
        List<Collision>? found = null;
        string? self = null;
        foreach (var (member, name, isExplicit) in UserMembers(type, byName))
        {
            found ??= new List<Collision>();
            self ??= type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
            foreach (var candidate in byName[name])
            {
                if (candidate.IsExplicit == isExplicit && Collides(member, candidate, self!))
                {
                    var declaredHere = SymbolEqualityComparer.Default.Equals(member.ContainingType, type);
                    found.Add(new Collision(member, name, candidate, declaredHere && IsRemovable(member, candidate, self!)));
                    break;
                }
            }
        }

        return (IEnumerable<Collision>?)found ?? Enumerable.Empty<Collision>();
    }

    // The parsers pass the same few fixed lists on every keystroke: their lookups are built once.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<GeneratedMember>, ILookup<string, GeneratedMember>> Lookups = new();

    /// <summary>The generated member that has <paramref name="type"/>'s own name (a member cannot have its class's name, CS0542), or <see langword="null"/>.</summary>
    public static GeneratedMember? NamedLikeClass(INamedTypeSymbol type, IReadOnlyList<GeneratedMember> generated) =>
        generated.FirstOrDefault(g => !g.IsExplicit && g.Name == type.Name);

    /// <summary>The shape of a property, field or method in the form <see cref="GeneratedMember.Shape"/> uses.</summary>
    /// <remarks>A method's arity and parameter passing modes are part of its shape: <c>GetId&lt;T&gt;()</c> and <c>SetPassword(ref string, ...)</c> are legal overloads.</remarks>
    public static string? ShapeOf(ISymbol member) => member switch
    {
        IPropertySymbol property => property.Type.ToDisplayString(TypeFormat),
        IFieldSymbol field => field.Type.ToDisplayString(TypeFormat),
        IMethodSymbol method => (method.Arity == 0 ? string.Empty : "`" + method.Arity)
            + "(" + string.Join(", ", method.Parameters.Select(p => RefPrefix(p.RefKind) + p.Type.ToDisplayString(ParameterFormat))) + ")",
        _ => null,
    };

    /// <summary>Whether <paramref name="member"/> was written by this generator (then it is the generated member itself).</summary>
    public static bool IsGenerated(ISymbol member) =>
        member.GetAttributes().Any(a =>
            a.AttributeClass is { Name: "GeneratedCodeAttribute" } attribute
            && a.ConstructorArguments.Length > 0
            && a.ConstructorArguments[0].Value is "KegAuth.Generators"
            && attribute.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute");

    private static string RefPrefix(RefKind kind) => kind switch
    {
        RefKind.Ref => "ref ",
        RefKind.Out => "out ",
        RefKind.In => "in ",
        RefKind.RefReadOnlyParameter => "ref readonly ",
        _ => string.Empty,
    };

    // Only members with a generated member's name are looked at further: this runs on every keystroke.
    private static IEnumerable<(ISymbol Member, string Name, bool IsExplicit)> UserMembers(INamedTypeSymbol type, ILookup<string, GeneratedMember> generated)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            var inherited = !SymbolEqualityComparer.Default.Equals(current, type);
            foreach (var member in Candidates(current, generated, inherited))
            {
                var explicitName = ExplicitName(member);
                var name = explicitName ?? member.Name;
                if (!generated.Contains(name) || member.IsImplicitlyDeclared)
                {
                    continue;
                }

                // Private base members are invisible to the derived class, and so are a base's explicit
                // implementations; generated members are ours, not the user's.
                if ((inherited && (member.DeclaredAccessibility == Accessibility.Private || explicitName is not null)) || IsGenerated(member))
                {
                    continue;
                }

                if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary and not MethodKind.ExplicitInterfaceImplementation })
                {
                    continue;
                }

                yield return (member, name, explicitName is not null);
            }
        }
    }

    // A class's member names come from its declarations, so filtering by them first spares a symbol
    // per member on every keystroke. Explicit implementations are not among those names (and are
    // invisible when inherited), so a class that declares one is walked in full.
    private static IEnumerable<ISymbol> Candidates(INamedTypeSymbol type, ILookup<string, GeneratedMember> generated, bool inherited)
    {
        if (!inherited && DeclaresExplicitImplementation(type))
        {
            return type.GetMembers();
        }

        var candidates = new List<ISymbol>();
        foreach (var name in type.MemberNames)
        {
            if (generated.Contains(name))
            {
                candidates.AddRange(type.GetMembers(name));
            }
        }

        foreach (var nested in type.GetTypeMembers())
        {
            if (generated.Contains(nested.Name))
            {
                candidates.Add(nested);
            }
        }

        return candidates;
    }

    private static bool DeclaresExplicitImplementation(INamedTypeSymbol type)
    {
        var references = type.DeclaringSyntaxReferences;
        if (references.IsEmpty)
        {
            return true;
        }

        foreach (var reference in references)
        {
            if (reference.GetSyntax() is not TypeDeclarationSyntax declaration)
            {
                return true;
            }

            foreach (var member in declaration.Members)
            {
                if (member is MethodDeclarationSyntax { ExplicitInterfaceSpecifier: not null }
                    or BasePropertyDeclarationSyntax { ExplicitInterfaceSpecifier: not null })
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Only an explicit implementation has a dotted name ("KegAuth.IKegUser<User>.Id"): asking every
    // member for its implementations would bind every signature on every keystroke.
    private static string? ExplicitName(ISymbol member) => member.Name.IndexOf('.') < 0 ? null : member switch
    {
        IPropertySymbol { ExplicitInterfaceImplementations: { Length: > 0 } implemented } => implemented[0].Name,
        IMethodSymbol { ExplicitInterfaceImplementations: { Length: > 0 } implemented } => implemented[0].Name,
        _ => null,
    };

    private static bool Collides(ISymbol member, GeneratedMember generated, string self) =>
        generated.IsExplicit || !(member is IMethodSymbol && generated.IsMethod) || ShapeOf(member) == generated.Shape.Replace(GeneratedMembers.Self, self);

    private static bool IsRemovable(ISymbol member, GeneratedMember generated, string self)
    {
        if (generated.IsExplicit || member is not IPropertySymbol property || generated.IsMethod || property.IsStatic || property.GetAttributes().Length > 0
            || ShapeOf(property) != generated.Shape.Replace(GeneratedMembers.Self, self))
        {
            return false;
        }

        return property.DeclaringSyntaxReferences.Length == 1
            && property.DeclaringSyntaxReferences[0].GetSyntax() is PropertyDeclarationSyntax
            {
                Initializer: null, ExpressionBody: null, AccessorList: { } accessors,
            }
            && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null);
    }
}
