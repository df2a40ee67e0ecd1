using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.CodeFixes;

/// <summary>Fixes KEG001 by adding <c>partial</c> to the class declaration.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFixProvider)), Shared]
public sealed class MakePartialCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("KEG001");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var declaration = DiagnosticSyntax.Find<ClassDeclarationSyntax>(root, context.Span);
        if (declaration is null)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Make the class partial",
                ct => MakePartialAsync(context.Document, declaration, ct),
                equivalenceKey: nameof(MakePartialCodeFixProvider)),
            context.Diagnostics);
    }

    private static async Task<Document> MakePartialAsync(Document document, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        // 'partial' goes last among the modifiers, where C# requires it.
        var partial = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        var updated = declaration.Modifiers.Count == 0
            ? declaration.WithKeyword(declaration.Keyword.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(partial.WithLeadingTrivia(declaration.Keyword.LeadingTrivia)))
            : declaration.WithModifiers(declaration.Modifiers.Add(partial));
        return document.WithSyntaxRoot(root!.ReplaceNode(declaration, updated));
    }
}
