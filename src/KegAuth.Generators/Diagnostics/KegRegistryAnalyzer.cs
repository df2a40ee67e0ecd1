using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KegAuth.Generators.Diagnostics;

/// <summary>
/// Checks the compile-time entity registry (keg-auth <c>EntityRegistry</c>) once the whole
/// compilation has been seen: one class per kind, an unambiguous registered user, and a permission
/// class for bundles and groups. The generator makes the same choice and leaves an ambiguous kind
/// unregistered; this analyzer says why, at the classes involved.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KegRegistryAnalyzer : DiagnosticAnalyzer
{
    private static readonly (string Attribute, string Kind)[] Kinds =
    {
        (KegAttributeNames.User, "user"),
        (KegAttributeNames.Permission, "permission"),
        (KegAttributeNames.Bundle, "bundle"),
        (KegAttributeNames.Group, "group"),
        (KegAttributeNames.Attempt, "attempt"),
    };

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.Registry);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var found = new ConcurrentBag<Entry>();
            start.RegisterSymbolAction(symbol => Collect((INamedTypeSymbol)symbol.Symbol, found), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => Report(end, found.ToList()));
        });
    }

    private static void Collect(INamedTypeSymbol type, ConcurrentBag<Entry> found)
    {
        foreach (var attribute in type.GetAttributes())
        {
            var name = attribute.AttributeClass?.ToDisplayString();
            foreach (var (attributeName, kind) in Kinds)
            {
                if (name == attributeName)
                {
                    var registered = attribute.NamedArguments.Any(a => a.Key == "Registered" && a.Value.Value is true);
                    found.Add(new Entry(kind, ShortName(attributeName), type.Name, type.Locations.FirstOrDefault() ?? Location.None, registered, type));
                }
            }
        }
    }

    private static void Report(CompilationAnalysisContext context, List<Entry> found)
    {
        var byKind = found
            .OrderBy(e => e.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(e => e.Location.SourceSpan.Start)
            .GroupBy(e => e.Kind)
            .ToDictionary(g => g.Key, g => g.ToList());

        foreach (var kind in new[] { "permission", "bundle", "group", "attempt" })
        {
            if (byKind.TryGetValue(kind, out var entries))
            {
                foreach (var duplicate in entries.Skip(1))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.EntityAlreadyRegistered, duplicate.Location, kind, duplicate.Name, duplicate.Attribute, entries[0].Name));
                }
            }
        }

        if (byKind.TryGetValue("user", out var users) && users.Count > 1)
        {
            var registered = users.Where(u => u.Registered).ToList();
            if (registered.Count == 0)
            {
                var names = string.Join(", ", users.Select(u => "'" + u.Name + "'"));
                foreach (var user in users)
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NoRegisteredUser, user.Location, user.Name, names));
                }
            }
            else if (registered.Count > 1)
            {
                foreach (var user in registered)
                {
                    var others = registered.Where(o => o != user).Select(o => "'" + o.Name + "'").ToList();
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.SeveralRegisteredUsers, user.Location, user.Name, string.Join(", ", others), others.Count == 1 ? "is" : "are"));
                }
            }
        }

        if (!byKind.ContainsKey("permission"))
        {
            foreach (var kind in new[] { "bundle", "group" })
            {
                foreach (var entry in byKind.TryGetValue(kind, out var entries) ? entries : new List<Entry>())
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingPermission, entry.Location, entry.Name, entry.Attribute, kind));
                }
            }
        }

        RelationshipCollisions.Report(context, found);
    }

    private static string ShortName(string metadataName)
    {
        var name = metadataName.Substring(metadataName.LastIndexOf('.') + 1);
        return name.Substring(0, name.Length - "Attribute".Length);
    }

    internal sealed record Entry(string Kind, string Attribute, string Name, Location Location, bool Registered, INamedTypeSymbol Type);
}
