using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace KegAuth.CodeFixes;

/// <summary>Fixes KEG012 by replacing the undeclared token with the closest declared constant (the analyzer picks it by edit distance).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseDeclaredPermissionCodeFixProvider)), Shared]
public sealed class UseDeclaredPermissionCodeFixProvider : CodeFixProvider
{
    // The analyzer's property name (KegPermissionTokenAnalyzer.ReplacementProperty); the projects do not reference each other.
    private const string ReplacementProperty = "Replacement";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("KEG012");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ReplacementProperty, out var replacement) || replacement is null
                || root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax literal)
            {
                continue;
            }

            var shown = replacement.StartsWith("global::", System.StringComparison.Ordinal) ? replacement.Substring("global::".Length) : replacement;
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use " + shown.Substring(shown.LastIndexOf('.', shown.LastIndexOf('.') - 1) + 1),
                    ct => ReplaceAsync(context.Document, literal, replacement, ct),
                    equivalenceKey: nameof(UseDeclaredPermissionCodeFixProvider) + replacement),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax literal, string replacement, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var constant = SyntaxFactory.ParseExpression(replacement)
            .WithTriviaFrom(literal)
            .WithAdditionalAnnotations(Simplifier.Annotation);
        var updated = document.WithSyntaxRoot(root!.ReplaceNode(literal, constant));
        return await Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
