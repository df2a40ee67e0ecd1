using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.CodeFixes;

/// <summary>
/// Fixes KEG010 by removing the user's member, only where that is unambiguous: the analyzer marks an
/// auto-property of exactly the generated type, with no initializer or attributes, as removable.
/// Renaming is never offered: callers may have meant either member, and no name is the obvious one.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RemoveCollidingMemberCodeFixProvider)), Shared]
public sealed class RemoveCollidingMemberCodeFixProvider : CodeFixProvider
{
    // Matches MemberCollisions.RemovableProperty in the analyzer; the projects are kept apart.
    private const string RemovableProperty = "Removable";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("KEG010");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(RemovableProperty, out var removable) || removable != "true")
            {
                continue;
            }

            var property = DiagnosticSyntax.Find<PropertyDeclarationSyntax>(root, diagnostic.Location.SourceSpan);
            if (property is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Remove the member KegAuth generates",
                    ct => RemoveAsync(context.Document, property, ct),
                    equivalenceKey: nameof(RemoveCollidingMemberCodeFixProvider)),
                diagnostic);
        }
    }

    private static async Task<Document> RemoveAsync(Document document, PropertyDeclarationSyntax property, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return document.WithSyntaxRoot(root!.RemoveNode(property, SyntaxRemoveOptions.KeepNoTrivia)!);
    }
}
