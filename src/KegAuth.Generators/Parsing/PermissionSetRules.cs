using System.Collections.Generic;
using System.Linq;
using KegAuth.Generators.Diagnostics;
using KegAuth.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.Generators.Parsing;

/// <summary>
/// Decides what a <c>[KegPermissionSet]</c> class declares and what is wrong with it: the one place
/// these rules live. The parser emits <c>All</c> from the valid declarations; the analyzer reports the problems.
/// </summary>
internal static class PermissionSetRules
{
    /// <summary>The longest token the permission table holds (the runtime's <c>KegPermissionSync.MaxTokenLength</c>).</summary>
    public const int MaxTokenLength = 1024;

    /// <summary>The member the generator adds.</summary>
    public const string AllMember = "All";

    /// <summary>Checks <paramref name="type"/>: its shape, then each field in declaration order.</summary>
    public static PermissionSetCheck Check(INamedTypeSymbol type)
    {
        var check = new PermissionSetCheck();
        var location = type.Locations.FirstOrDefault() ?? Location.None;
        if (DescribeShapeProblem(type) is { } shape)
        {
            check.Shape = new EntityProblem(DiagnosticDescriptors.PermissionSetShape, location, type.Name, shape);
            return check;
        }

        var seen = new Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsImplicitlyDeclared))
        {
            var fieldLocation = field.Locations.FirstOrDefault() ?? location;
            if (!field.IsConst || field.Type.SpecialType != SpecialType.System_String || field.ConstantValue is not string token)
            {
                check.Problems.Add(new EntityProblem(DiagnosticDescriptors.PermissionSetMember, fieldLocation, type.Name, field.Name));
                continue;
            }

            if (DescribeInvalid(token) is { } invalid)
            {
                check.Problems.Add(new EntityProblem(DiagnosticDescriptors.InvalidPermissionToken, fieldLocation, type.Name, field.Name, invalid));
                continue;
            }

            if (seen.TryGetValue(token, out var first))
            {
                check.Problems.Add(new EntityProblem(DiagnosticDescriptors.DuplicatePermissionToken, fieldLocation, token, type.Name + "." + field.Name, type.Name + "." + first));
                continue;
            }

            seen.Add(token, field.Name);
            check.Permissions.Add(new DeclaredPermissionModel(field.Name, token, DescriptionOf(field)));
        }

        return check;
    }

    /// <summary>Why <paramref name="token"/> cannot be a permission token, or <see langword="null"/>.</summary>
    public static string? DescribeInvalid(string token)
    {
        if (token.Trim().Length == 0)
        {
            return "has an empty token";
        }

        if (token.Length > MaxTokenLength)
        {
            return "has a token of " + token.Length + " characters; the permission table holds at most " + MaxTokenLength;
        }

        return token.Any(char.IsControl) ? "has a token with a control character" : null;
    }

    private static string? DescriptionOf(IFieldSymbol field)
    {
        foreach (var attribute in field.GetAttributes())
        {
            if (attribute.AttributeClass is { Name: "DescriptionAttribute" } description
                && description.ToDisplayString() == KegAttributeNames.Description
                && attribute.ConstructorArguments.Length == 1
                && attribute.ConstructorArguments[0].Value is string text)
            {
                return text;
            }
        }

        return null;
    }

    private static string? DescribeShapeProblem(INamedTypeSymbol type)
    {
        var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().ToList();
        if (type.Name.Length == 0 || declarations.Any(d => d.Identifier.IsMissing))
        {
            return "has no name";
        }

        if (!type.IsStatic || type.TypeKind != TypeKind.Class)
        {
            return "is not static; declare it 'public static partial class " + type.Name + "'";
        }

        if (declarations.Count > 0 && !declarations.Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword)))
        {
            return "is not partial; declare it 'public static partial class " + type.Name + "'";
        }

        if (type.IsGenericType)
        {
            return "is generic; a permission set cannot be";
        }

        for (var outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            var partial = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial || outer.IsGenericType)
            {
                return "is nested in '" + outer.Name + "', which is " + (outer.IsGenericType ? "generic" : "not partial");
            }
        }

        if (type.IsFileLocal)
        {
            return "is file-local; the generated part could not reopen it";
        }

        if (declarations.Count > 0 && declarations[0].SyntaxTree.Options is CSharpParseOptions { LanguageVersion: < LanguageVersion.CSharp9 })
        {
            return "needs C# 9 or later";
        }

        // The analyzer also sees the compilation with the generated All in it: that one is ours.
        return type.GetMembers(AllMember).All(MemberCollisions.IsGenerated) ? null : "declares a member named 'All', which the generator adds; rename it";
    }
}

/// <summary>The outcome of <see cref="PermissionSetRules.Check"/>.</summary>
internal sealed class PermissionSetCheck
{
    /// <summary>Why nothing can be generated for the class, or <see langword="null"/>.</summary>
    public EntityProblem? Shape { get; set; }

    /// <summary>Problems with single fields; the other fields are still declared.</summary>
    public List<EntityProblem> Problems { get; } = new();

    /// <summary>The valid, distinct declarations in declaration order.</summary>
    public List<DeclaredPermissionModel> Permissions { get; } = new();
}
