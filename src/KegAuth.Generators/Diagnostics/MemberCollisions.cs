using System.Collections.Generic;
using System.Linq;
using KegAuth.Generators.Emitting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.Generators.Diagnostics;

/// <summary>
/// Finds the user's members (declared or inherited) that collide with members KegAuth generates:
/// what the compiler would report as a duplicate or hidden member inside the generated file, found
/// here so the diagnostic lands on the user's own code.
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
    /// <param name="Generated">The generated member it collides with.</param>
    /// <param name="Removable">Whether removing the user's member leaves the class as it was meant: an auto-property of the same type, declared here, with no initializer or attributes.</param>
    public sealed record Collision(ISymbol Member, GeneratedMember Generated, bool Removable);

    /// <summary>The collisions of <paramref name="type"/>'s members with <paramref name="generated"/>.</summary>
    public static IEnumerable<Collision> Find(INamedTypeSymbol type, IReadOnlyList<GeneratedMember> generated)
    {
        var self = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        var byName = generated.ToLookup(g => g.Name);
        foreach (var member in UserMembers(type))
        {
            foreach (var candidate in byName[member.Name])
            {
                if (Collides(member, candidate, self))
                {
                    var declaredHere = SymbolEqualityComparer.Default.Equals(member.ContainingType, type);
                    yield return new Collision(member, candidate, declaredHere && IsRemovable(member, candidate, self));
                    break;
                }
            }
        }
    }

    /// <summary>The shape of a property, field or method in the form <see cref="GeneratedMember.Shape"/> uses.</summary>
    public static string? ShapeOf(ISymbol member) => member switch
    {
        IPropertySymbol property => property.Type.ToDisplayString(TypeFormat),
        IFieldSymbol field => field.Type.ToDisplayString(TypeFormat),
        IMethodSymbol method => "(" + string.Join(", ", method.Parameters.Select(p => p.Type.ToDisplayString(ParameterFormat))) + ")",
        _ => null,
    };

    /// <summary>Whether <paramref name="member"/> was written by this generator (then it is the generated member itself).</summary>
    public static bool IsGenerated(ISymbol member) =>
        member.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == "System.CodeDom.Compiler.GeneratedCodeAttribute"
            && a.ConstructorArguments.Length > 0
            && a.ConstructorArguments[0].Value is "KegAuth.Generators");

    private static IEnumerable<ISymbol> UserMembers(INamedTypeSymbol type)
    {
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            var inherited = !SymbolEqualityComparer.Default.Equals(current, type);
            foreach (var member in current.GetMembers())
            {
                // Private base members are invisible to the derived class; generated members are ours, not the user's.
                if (member.IsImplicitlyDeclared || (inherited && member.DeclaredAccessibility == Accessibility.Private) || IsGenerated(member))
                {
                    continue;
                }

                if (member is IMethodSymbol { MethodKind: not MethodKind.Ordinary } || member is IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 })
                {
                    continue;
                }

                yield return member;
            }
        }
    }

    private static bool Collides(ISymbol member, GeneratedMember generated, string self) =>
        !(member is IMethodSymbol && generated.IsMethod) || ShapeOf(member) == generated.Shape.Replace(GeneratedMembers.Self, self);

    private static bool IsRemovable(ISymbol member, GeneratedMember generated, string self)
    {
        if (member is not IPropertySymbol property || generated.IsMethod || property.IsStatic || property.GetAttributes().Length > 0
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
