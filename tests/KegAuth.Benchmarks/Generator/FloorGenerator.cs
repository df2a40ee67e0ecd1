using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.Benchmarks.Generator;

/// <summary>
/// The floor any attribute-driven generator pays: the same six <c>ForAttributeWithMetadataName</c>
/// calls as KegAuth's generator, a trivial transform, and an output that adds nothing (a pipeline
/// with no output is never run).
/// </summary>
public sealed class FloorGenerator : IIncrementalGenerator
{
    private static readonly string[] Attributes =
    {
        "KegAuth.KegUserAttribute", "KegAuth.KegPermissionAttribute", "KegAuth.KegBundleAttribute", "KegAuth.KegGroupAttribute", "KegAuth.KegAttemptAttribute", "KegAuth.KegPermissionSetAttribute",
    };

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        foreach (var attribute in Attributes)
        {
            var names = context.SyntaxProvider.ForAttributeWithMetadataName(
                attribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, _) => ctx.TargetSymbol.Name);
            context.RegisterSourceOutput(names, static (_, _) => { });
        }
    }
}
