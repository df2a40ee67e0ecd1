using System.Collections.Immutable;
using System.Linq;
using KegAuth.Generators.Emitting;
using KegAuth.Generators.Models;
using KegAuth.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KegAuth.Generators.Diagnostics;

/// <summary>
/// Reports mistakes on Keg-annotated classes while the user types. Kept apart from the generator so
/// generation stays cached and the diagnostics carry real locations.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KegEntityAnalyzer : DiagnosticAnalyzer
{
    private static readonly string[] EntityAttributes =
    {
        KegAttributeNames.User, KegAttributeNames.Attempt, KegAttributeNames.Permission, KegAttributeNames.Bundle, KegAttributeNames.Group,
    };

    private static readonly string[] UserMixins = { KegAttributeNames.UserEmail, KegAttributeNames.UserToken };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.All.Except(DiagnosticDescriptors.Registry).ToArray());

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        var attributes = type.GetAttributes()
            .Select(a => a.AttributeClass?.ToDisplayString())
            .Where(name => name is not null && name.StartsWith(KegAttributeNames.Namespace + ".Keg", System.StringComparison.Ordinal))
            .ToList();
        if (attributes.Count == 0)
        {
            return;
        }

        var location = type.Locations.FirstOrDefault() ?? Location.None;
        var shortName = ShortName(attributes[0]!);

        foreach (var mixin in UserMixins)
        {
            if (attributes.Contains(mixin) && !attributes.Contains(KegAttributeNames.User))
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MixinWithoutUser, location, type.Name, ShortName(mixin)));
            }
        }

        if (!attributes.Any(a => EntityAttributes.Contains(a)))
        {
            return;
        }

        var shape = DescribeUnsupportedShape(type);
        if (shape is not null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedClassShape, location, type.Name, shape));
            return;
        }

        var declarations = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(context.CancellationToken)).OfType<ClassDeclarationSyntax>().ToList();
        if (declarations.Count > 0 && !declarations.Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword)))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ClassNotPartial, location, type.Name, shortName));
            return;
        }

        var key = KeyPropertyFinder.Find(type);
        if (key is null)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingKey, location, type.Name));
        }
        else if (KeyPropertyFinder.GetKind(key.Type) is null)
        {
            var keyLocation = SymbolEqualityComparer.Default.Equals(key.ContainingType, type) ? key.Locations.FirstOrDefault() ?? location : location;
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnsupportedKeyType, keyLocation, type.Name, key.Name, key.Type.ToDisplayString()));
        }

        ReportCollisions(context, type, attributes, location);
    }

    private static void ReportCollisions(SymbolAnalysisContext context, INamedTypeSymbol type, System.Collections.Generic.List<string?> attributes, Location classLocation)
    {
        var generated = new System.Collections.Generic.List<GeneratedMember>();
        if (attributes.Contains(KegAttributeNames.User))
        {
            generated.AddRange(GeneratedMembers.ForUser(attributes.Contains(KegAttributeNames.UserEmail), attributes.Contains(KegAttributeNames.UserToken)));
        }

        if (attributes.Contains(KegAttributeNames.Attempt))
        {
            generated.AddRange(GeneratedMembers.ForAttempt());
        }

        foreach (var (attribute, kind) in new[] { (KegAttributeNames.Permission, EntityKind.Permission), (KegAttributeNames.Bundle, EntityKind.Bundle), (KegAttributeNames.Group, EntityKind.Group) })
        {
            if (attributes.Contains(attribute))
            {
                generated.AddRange(GeneratedMembers.ForEntity(kind));
            }
        }

        foreach (var collision in MemberCollisions.Find(type, generated))
        {
            // An inherited member may live in another assembly: then the class itself carries the report.
            var location = collision.Member.Locations.FirstOrDefault(l => l.IsInSource) ?? classLocation;
            var properties = ImmutableDictionary<string, string?>.Empty.Add(MemberCollisions.RemovableProperty, collision.Removable ? "true" : "false");
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.MemberCollision, location, properties,
                collision.Member.ContainingType.Name, collision.Member.Name, collision.Generated.Attribute, type.Name));
        }
    }

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
            var partial = outer.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>()
                .Any(d => d.Modifiers.Any(SyntaxKind.PartialKeyword));
            if (!partial)
            {
                return "nested in '" + outer.Name + "', which is not partial";
            }
        }

        return null;
    }

    private static string ShortName(string metadataName)
    {
        var name = metadataName.Substring(metadataName.LastIndexOf('.') + 1);
        return name.EndsWith("Attribute", System.StringComparison.Ordinal) ? name.Substring(0, name.Length - "Attribute".Length) : name;
    }
}
