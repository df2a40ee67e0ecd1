using System.Collections.Immutable;
using System.Linq;
using KegAuth.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KegAuth.Generators.Diagnostics;

/// <summary>
/// Reports mistakes on Keg-annotated classes while the user types. Kept apart from the generator so
/// generation stays cached and the diagnostics carry real locations; the rules themselves are
/// <see cref="EntityRules"/>, which the parsers also call, so what is reported here is exactly what
/// the generator declines to generate.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KegEntityAnalyzer : DiagnosticAnalyzer
{
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
        var (attributes, _) = KegAttributeReader.Read(type);
        if (attributes == KegAttributes.None)
        {
            return;
        }

        var location = type.Locations.FirstOrDefault() ?? Location.None;
        foreach (var mixin in KegAttributeReader.MixinAttributes)
        {
            if ((attributes & mixin) != 0 && (attributes & KegAttributes.User) == 0)
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MixinWithoutUser, location, type.Name, KegAttributeReader.ShortName(mixin)));
            }
        }

        if ((attributes & KegAttributes.Entities) == 0)
        {
            return;
        }

        foreach (var problem in EntityRules.Check(type, context.CancellationToken).Problems)
        {
            if (problem.ToDiagnostic() is { } diagnostic)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }
    }
}
