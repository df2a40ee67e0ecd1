using System.Collections.Concurrent;
using System.Collections.Immutable;
using KegAuth.Generators.Diagnostics;
using KegAuth.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KegAuth.Generators.Tests.Robustness;

/// <summary>
/// The robustness invariant of issue 21, for any user input: the generator and the analyzers throw
/// nothing; no error or warning lies in a generated file (warning level 9999, documentation
/// diagnostics on); every Keg entity class either got its generated file or carries a diagnostic
/// on its own declaration (a KEG diagnostic, or the user's own compile error) that says why not; and
/// a class the entity analyzer reports on got no file (analyzer and generator agree).
/// </summary>
internal static class Invariant
{
    private static readonly string[] EntityAttributes =
    [
        "KegAuth.KegUserAttribute", "KegAuth.KegPermissionAttribute", "KegAuth.KegBundleAttribute",
        "KegAuth.KegGroupAttribute", "KegAuth.KegAttemptAttribute",
    ];

    /// <summary>What one input produced: the violations, and the run for further checks.</summary>
    public sealed record Outcome(IReadOnlyList<string> Violations, Compilation Output, GeneratorDriverRunResult Run, ImmutableArray<Diagnostic> Analyzer)
    {
        /// <summary>Every generated file's text, by hint name.</summary>
        public IReadOnlyDictionary<string, string> Generated =>
            Run.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString());
    }

    /// <summary>Runs generator and analyzers over <paramref name="sources"/> and checks the invariant.</summary>
    public static Outcome Check(IReadOnlyList<string> sources, LanguageVersion languageVersion = LanguageVersion.Latest,
        NullableContextOptions nullable = NullableContextOptions.Enable)
    {
        var parseOptions = new CSharpParseOptions(languageVersion, DocumentationMode.Diagnose);
        var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parseOptions, path: $"User{i}.cs")).ToArray();
        var input = CSharpCompilation.Create("UserAssembly", trees, TestCompilation.References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable, warningLevel: 9999));

        var violations = new List<string>();
        var driver = CSharpGeneratorDriver.Create([new KegAuthGenerator().AsSourceGenerator()], parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics);
        var run = driver.GetRunResult();
        violations.AddRange(run.Results.Where(r => r.Exception is not null).Select(r => "generator threw: " + r.Exception));
        violations.AddRange(generatorDiagnostics.Select(d => "generator reported: " + d));

        var generatedTrees = run.GeneratedTrees.ToHashSet();
        var compilerDiagnostics = output.GetDiagnostics();
        violations.AddRange(compilerDiagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree is { } tree && generatedTrees.Contains(tree))
            .Select(d => "in generated code: " + d + "\n    line: " + LineOf(d)));

        var analyzerExceptions = new ConcurrentBag<string>();
        var withAnalyzers = output.WithAnalyzers(
            [new KegEntityAnalyzer(), new KegRegistryAnalyzer()],
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), (e, a, d) => analyzerExceptions.Add(a + " threw: " + e), concurrentAnalysis: false, logAnalyzerExecutionTime: false));
        var analyzer = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        violations.AddRange(analyzerExceptions);
        violations.AddRange(analyzer.Where(d => d.Id == "AD0001").Select(d => "analyzer failed: " + d));
        violations.AddRange(analyzer.Where(d => d.Location.SourceTree is { } tree && generatedTrees.Contains(tree)).Select(d => "analyzer reported in generated code: " + d));

        var userErrors = compilerDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } t && !generatedTrees.Contains(t)).ToList();
        var entityRules = new KegEntityAnalyzer().SupportedDiagnostics.Select(d => d.Id).Where(id => id != "KEG002").ToHashSet();
        foreach (var (symbol, declarations) in Entities(output, trees))
        {
            // Its own generated part (with the Keg interfaces), not merely the reopened outer class of a nested entity.
            if (symbol.DeclaringSyntaxReferences.Any(r => generatedTrees.Contains(r.SyntaxTree) && r.GetSyntax() is ClassDeclarationSyntax { BaseList: not null }))
            {
                // The analyzer and the generator share one rule helper: a class the analyzer refuses gets nothing generated.
                violations.AddRange(analyzer
                    .Where(d => entityRules.Contains(d.Id) && InnermostType(d) is ClassDeclarationSyntax inner && declarations.Contains(inner))
                    .Select(d => $"'{symbol.ToDisplayString()}' was generated although the analyzer reports {d}"));
                continue;
            }

            // A class without a name, or inside a namespace or class without one (half-typed), has the
            // compiler's error wherever the parser's recovery put it.
            if (userErrors.Count > 0 && (symbol.Name.Length == 0 || symbol.ToDisplayString().Contains("..", StringComparison.Ordinal) || symbol.ToDisplayString().StartsWith('.')))
            {
                continue;
            }

            bool Explains(Diagnostic d) => declarations.Any(decl => d.Location.SourceTree == decl.SyntaxTree
                && (decl.FullSpan.Contains(d.Location.SourceSpan) || Headers(decl).Any(h => h.Contains(d.Location.SourceSpan))));
            bool Names(Diagnostic d) => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("'" + symbol.Name + "'", StringComparison.Ordinal);
            if (!analyzer.Any(d => d.Id.StartsWith("KEG", StringComparison.Ordinal) && (Explains(d) || Names(d))) && !userErrors.Any(Explains))
            {
                violations.Add($"'{symbol.ToDisplayString()}' got no generated file and no diagnostic says why");
            }
        }

        return new Outcome(violations, output, run, analyzer);
    }

    private static IEnumerable<(INamedTypeSymbol Symbol, List<ClassDeclarationSyntax> Declarations)> Entities(Compilation output, SyntaxTree[] userTrees)
    {
        var found = new Dictionary<INamedTypeSymbol, List<ClassDeclarationSyntax>>(SymbolEqualityComparer.Default);
        foreach (var tree in userTrees)
        {
            var model = output.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            {
                if (model.GetDeclaredSymbol(declaration) is not { } symbol)
                {
                    continue;
                }

                if (!found.TryGetValue(symbol, out var list))
                {
                    found[symbol] = list = [];
                }

                list.Add(declaration);
            }
        }

        return found
            .Where(p => p.Key.GetAttributes().Any(a => EntityAttributes.Contains(a.AttributeClass?.ToDisplayString())))
            .Select(p => (p.Key, p.Value));
    }

    // Half-typed enclosing declarations ("namespace .Data", "partial class { class User }"): their
    // names up to the opening brace.
    private static IEnumerable<Microsoft.CodeAnalysis.Text.TextSpan> Headers(SyntaxNode declaration) =>
        declaration.Ancestors().Select(a => a switch
        {
            NamespaceDeclarationSyntax ns => Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(ns.SpanStart, ns.OpenBraceToken.Span.End),
            FileScopedNamespaceDeclarationSyntax ns => Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(ns.SpanStart, ns.SemicolonToken.Span.End),
            TypeDeclarationSyntax type => Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(type.SpanStart, type.OpenBraceToken.Span.End),
            _ => default,
        });

    // The class a diagnostic is about: the innermost type declaration around it (half-typed code can nest classes).
    private static TypeDeclarationSyntax? InnermostType(Diagnostic d) =>
        d.Location.SourceTree?.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();

    private static string LineOf(Diagnostic d)
    {
        var tree = d.Location.SourceTree!;
        var line = d.Location.GetLineSpan().StartLinePosition.Line;
        return tree.GetText().Lines[line].ToString().Trim();
    }
}
