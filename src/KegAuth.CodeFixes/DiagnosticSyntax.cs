using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace KegAuth.CodeFixes;

/// <summary>Finds the declaration a diagnostic points into, the same way for every fix.</summary>
internal static class DiagnosticSyntax
{
    /// <summary>The innermost <typeparamref name="T"/> around the start of <paramref name="span"/>, or <see langword="null"/>.</summary>
    public static T? Find<T>(SyntaxNode? root, TextSpan span)
        where T : SyntaxNode =>
        root?.FindToken(span.Start).Parent?.AncestorsAndSelf().OfType<T>().FirstOrDefault();
}
