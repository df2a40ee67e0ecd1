using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using KegAuth.Generators.Models;
using KegAuth.Generators.Parsing;
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
            start.RegisterSymbolAction(symbol => Collect((INamedTypeSymbol)symbol.Symbol, found, symbol.CancellationToken), SymbolKind.NamedType);
            start.RegisterCompilationEndAction(end => Report(end, found.ToList()));
        });
    }

    private static void Collect(INamedTypeSymbol type, ConcurrentBag<Entry> found, System.Threading.CancellationToken cancellationToken)
    {
        var (flags, registered) = KegAttributeReader.Read(type);
        var entityFlags = KegAttributeReader.EntityFlags(flags);
        if (entityFlags.Count == 0)
        {
            return;
        }

        // The generator registers only classes it can generate; the relationship checks follow it.
        var generatable = EntityRules.Check(type, cancellationToken).CanGenerate;
        foreach (var flag in entityFlags)
        {
            found.Add(new Entry(KegAttributeReader.KindOf(flag), KegAttributeReader.ShortName(flag), type.Locations.FirstOrDefault() ?? Location.None, registered, type, generatable));
        }
    }

    private static void Report(CompilationAnalysisContext context, List<Entry> found)
    {
        var names = new DisplayNames(found.Select(e => e.Type));
        var byKind = found
            .OrderBy(e => e.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
            .ThenBy(e => e.Location.SourceSpan.Start)
            .GroupBy(e => e.Kind)
            .ToDictionary(g => g.Key, g => g.ToList());

        foreach (var kind in new[] { EntityKind.Permission, EntityKind.Bundle, EntityKind.Group, EntityKind.Attempt })
        {
            // The generator prefers none of them, so each is reported, naming the others.
            if (byKind.TryGetValue(kind, out var entries) && RegistryRules.Single(entries) is null)
            {
                foreach (var duplicate in entries)
                {
                    var others = entries.Where(o => o != duplicate).Select(o => "'" + names[o.Type] + "'").ToList();
                    context.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.EntityAlreadyRegistered, duplicate.Location,
                        KegAttributeReader.KindName(kind), names[duplicate.Type], duplicate.Attribute, others.Count == 1 ? "does" : "do", string.Join(", ", others)));
                }
            }
        }

        var (_, problem, culprits) = RegistryRules.ChooseUser(byKind.TryGetValue(EntityKind.User, out var users) ? users : new List<Entry>(), static u => u.Registered);
        foreach (var user in culprits)
        {
            var others = culprits.Where(o => o != user).Select(o => "'" + names[o.Type] + "'").ToList();
            context.ReportDiagnostic(problem == UserProblem.NoneRegistered
                ? Diagnostic.Create(DiagnosticDescriptors.NoRegisteredUser, user.Location, names[user.Type], string.Join(", ", culprits.Select(u => "'" + names[u.Type] + "'")))
                : Diagnostic.Create(DiagnosticDescriptors.SeveralRegisteredUsers, user.Location, names[user.Type], string.Join(", ", others), others.Count == 1 ? "is" : "are"));
        }

        if (!byKind.ContainsKey(EntityKind.Permission))
        {
            foreach (var kind in new[] { EntityKind.Bundle, EntityKind.Group })
            {
                foreach (var entry in byKind.TryGetValue(kind, out var entries) ? entries : new List<Entry>())
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingPermission, entry.Location, names[entry.Type], entry.Attribute, KegAttributeReader.KindName(kind)));
                }
            }
        }

        RelationshipCollisions.Report(context, found.Where(e => e.Generatable).ToList(), names);
    }

    /// <summary>One entity attribute on one class.</summary>
    internal sealed record Entry(EntityKind Kind, string Attribute, Location Location, bool Registered, INamedTypeSymbol Type, bool Generatable);
}
