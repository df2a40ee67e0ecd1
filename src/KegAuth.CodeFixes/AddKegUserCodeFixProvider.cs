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

/// <summary>Fixes KEG002 by adding <c>[KegUser]</c> to the attribute list that holds the mixin attribute.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddKegUserCodeFixProvider)), Shared]
public sealed class AddKegUserCodeFixProvider : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("KEG002");

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var declaration = DiagnosticSyntax.Find<ClassDeclarationSyntax>(root, context.Span);
        if (declaration is null || declaration.AttributeLists.Count == 0)
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(
                "Add [KegUser]",
                ct => AddKegUserAsync(context.Document, declaration, ct),
                equivalenceKey: nameof(AddKegUserCodeFixProvider)),
            context.Diagnostics);
    }

    private static async Task<Document> AddKegUserAsync(Document document, ClassDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);

        // Name it the way the file already names the mixin: qualified when the mixin is qualified.
        var mixin = declaration.AttributeLists.SelectMany(l => l.Attributes)
            .First(a => model?.GetTypeInfo(a, cancellationToken).Type?.ContainingNamespace?.ToDisplayString() == "KegAuth");
        var name = mixin.Name is QualifiedNameSyntax ? "KegAuth.KegUser" : "KegUser";
        var list = (AttributeListSyntax)mixin.Parent!;
        var updatedList = list.WithAttributes(list.Attributes.Insert(0, SyntaxFactory.Attribute(SyntaxFactory.ParseName(name))));
        return document.WithSyntaxRoot(root!.ReplaceNode(list, updatedList));
    }
}
