using System.Collections.Generic;
using System.Linq;
using System.Threading;
using KegAuth.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace KegAuth.Generators.Diagnostics;

/// <summary>
/// Every <c>[KegPermissionSet]</c> of a compilation and the tokens they declare, found once per
/// compilation: a syntax walk over type declarations for an attribute named like the set's, then a
/// semantic check of each hit (cheap next to binding every type's attributes).
/// </summary>
internal sealed class DeclaredPermissionIndex
{
    private readonly Dictionary<string, Owner> _owners = new(System.StringComparer.Ordinal);

    private DeclaredPermissionIndex()
    {
    }

    /// <summary>Where a token is declared first: its set and constant.</summary>
    /// <param name="Set">The set class.</param>
    /// <param name="FieldName">The constant's name.</param>
    public sealed record Owner(INamedTypeSymbol Set, string FieldName);

    /// <summary>Whether the compilation declares any set: without one, tokens are not checked.</summary>
    public bool HasSets { get; private set; }

    /// <summary>Every declared token and its first owner, in the compilation's file order.</summary>
    public IReadOnlyDictionary<string, Owner> Owners => _owners;

    // Both permission analyzers ask for the same compilation's index: it is built once and shared.
    // A cancelled build is not kept (PublicationOnly), so the next caller builds it again.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, System.Lazy<DeclaredPermissionIndex>> Cache = new();

    /// <summary>The index of <paramref name="compilation"/>, built on first use and shared by every analyzer.</summary>
    public static DeclaredPermissionIndex For(Compilation compilation, CancellationToken cancellationToken) =>
        Cache.GetValue(compilation, c => new System.Lazy<DeclaredPermissionIndex>(() => Build(c, cancellationToken), System.Threading.LazyThreadSafetyMode.PublicationOnly)).Value;

    /// <summary>Finds the sets of <paramref name="compilation"/>.</summary>
    public static DeclaredPermissionIndex Build(Compilation compilation, CancellationToken cancellationToken)
    {
        var index = new DeclaredPermissionIndex();
        var attribute = compilation.GetTypeByMetadataName(KegAttributeNames.PermissionSet);
        if (attribute is null)
        {
            return index;
        }

        var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
        foreach (var tree in compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (var declaration in Candidates(tree.GetRoot(cancellationToken)))
            {
                cancellationToken.ThrowIfCancellationRequested();
                model ??= compilation.GetSemanticModel(tree);
                if (model.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol set || !seen.Add(set)
                    || !set.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute)))
                {
                    continue;
                }

                index.HasSets = true;
                foreach (var permission in PermissionSetRules.Check(set).Permissions)
                {
                    if (!index._owners.ContainsKey(permission.Token))
                    {
                        index._owners.Add(permission.Token, new Owner(set, permission.FieldName));
                    }
                }
            }
        }

        return index;
    }

    /// <summary>Whether <paramref name="type"/> carries <c>[KegPermissionSet]</c>.</summary>
    public static bool IsSet(INamedTypeSymbol type) =>
        type.GetAttributes().Any(a => a.AttributeClass is { Name: "KegPermissionSetAttribute" } attribute && attribute.ToDisplayString() == KegAttributeNames.PermissionSet);

    // Classes with an attribute whose written name could be the set's; aliases fall through (rare).
    private static IEnumerable<ClassDeclarationSyntax> Candidates(SyntaxNode root) =>
        root.DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
            .OfType<ClassDeclarationSyntax>()
            .Where(c => c.AttributeLists.SelectMany(l => l.Attributes).Any(a => IsSetName(a.Name)));

    private static bool IsSetName(NameSyntax name)
    {
        var text = name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => string.Empty,
        };
        return text is "KegPermissionSet" or "KegPermissionSetAttribute";
    }
}
