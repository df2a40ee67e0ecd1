using System.Collections.Immutable;
using System.Linq;
using KegAuth.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KegAuth.Generators.Diagnostics;

/// <summary>
/// Reports what is wrong with a <c>[KegPermissionSet]</c> class (KEG020–KEG023), by the same rules the
/// generator follows (<see cref="PermissionSetRules"/>): a set the generator cannot extend, a field that is
/// not a <c>const string</c>, an invalid token, a token declared twice (in one set or across sets).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KegPermissionSetAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.PermissionSetShape, DiagnosticDescriptors.PermissionSetMember,
        DiagnosticDescriptors.InvalidPermissionToken, DiagnosticDescriptors.DuplicatePermissionToken);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var index = new System.Lazy<DeclaredPermissionIndex>(() => DeclaredPermissionIndex.For(start.Compilation, start.CancellationToken));
            start.RegisterSymbolAction(symbol => Analyze(symbol, index), SymbolKind.NamedType);
        });
    }

    private static void Analyze(SymbolAnalysisContext context, System.Lazy<DeclaredPermissionIndex> index)
    {
        var set = (INamedTypeSymbol)context.Symbol;
        if (!DeclaredPermissionIndex.IsSet(set))
        {
            return;
        }

        var check = PermissionSetRules.Check(set);
        if (check.Shape?.ToDiagnostic() is { } shape)
        {
            context.ReportDiagnostic(shape);
            return;
        }

        foreach (var problem in check.Problems)
        {
            if (problem.ToDiagnostic() is { } diagnostic)
            {
                context.ReportDiagnostic(diagnostic);
            }
        }

        // A token another set declared first: the runtime would refuse the pair at start-up.
        foreach (var permission in check.Permissions)
        {
            if (index.Value.Owners.TryGetValue(permission.Token, out var owner) && !SymbolEqualityComparer.Default.Equals(owner.Set, set))
            {
                var field = set.GetMembers(permission.FieldName).FirstOrDefault();
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.DuplicatePermissionToken, field?.Locations.FirstOrDefault() ?? Location.None,
                    permission.Token, set.Name + "." + permission.FieldName, new DisplayNames([set, owner.Set])[owner.Set] + "." + owner.FieldName));
            }
        }
    }
}
