using System.Collections.Generic;
using System.Linq;
using KegAuth.Generators.Emitting;
using KegAuth.Generators.Models;
using KegAuth.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KegAuth.Generators.Diagnostics;

/// <summary>
/// KEG011 and KEG018: problems with the members that depend on the registry (the registered user's
/// permission members, a bundle's or group's collections). Only known once every class has been
/// seen, so checked at compilation end with the generator's own <see cref="RegistryBuilder"/> and
/// <see cref="RelationshipRules"/>; the generator then leaves those members out.
/// </summary>
internal static class RelationshipCollisions
{
    /// <summary>Reports every problem among <paramref name="entries"/>, the classes the generator can generate.</summary>
    public static void Report(CompilationAnalysisContext context, IReadOnlyList<KegRegistryAnalyzer.Entry> entries, DisplayNames names)
    {
        var registrations = entries
            .Select(e => new RegistrationModel(e.Kind, FullName(e.Type), e.Type.MetadataName, e.Registered, EntityRules.IsPublic(e.Type)))
            .ToList();
        var registry = RegistryBuilder.Build(registrations);

        foreach (var entry in entries)
        {
            var kind = entry.Kind;
            var generated = kind switch
            {
                EntityKind.User when registry.HasPermissionModel && registry.User == FullName(entry.Type) => GeneratedMembers.ForPermissionUser(registry),
                EntityKind.Bundle or EntityKind.Group => GeneratedMembers.ForRelationships(kind, registry),
                _ => null,
            };
            if (generated is null)
            {
                continue;
            }

            foreach (var collision in MemberCollisions.Find(entry.Type, generated))
            {
                var location = collision.Member.Locations.FirstOrDefault(l => l.IsInSource) ?? entry.Location;
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.RelationshipMemberCollision, location,
                    collision.Member.ContainingType.Name, collision.Name, collision.Generated.Attribute, names[entry.Type], Reason(collision.Generated.Name, kind, registry, names)));
            }

            // A class named like one of these members (a user class called Permissions) cannot get it either.
            if (MemberCollisions.NamedLikeClass(entry.Type, generated) is { } named)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.RelationshipMemberCollision, entry.Location,
                    entry.Type.Name, named.Name, named.Attribute, names[entry.Type], Reason(named.Name, kind, registry, names)));
            }

            var isPublic = EntityRules.IsPublic(entry.Type);
            // One report per exposed class, naming the first member that exposes it.
            foreach (var (member, type) in GeneratedMembers.Exposed(kind, registry).GroupBy(e => e.Type).Select(g => g.First()))
            {
                if (!registry.MayExpose(isPublic, type))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.LessAccessibleRelationship, entry.Location, names[entry.Type], member, names.Of(type)));
                }
            }
        }
    }

    private static string Reason(string member, EntityKind kind, RegistryModel registry, DisplayNames names) => member switch
    {
        "Permissions" => "'" + names.Of(registry.Permission) + "' is the permission class",
        "Bundles" => "'" + names.Of(registry.Bundle) + "' is the bundle class",
        "Groups" => "'" + names.Of(registry.Group) + "' is the group class",
        "Users" => "'" + names.Of(registry.User) + "' is the registered user",
        "GetAllPermissionsAsync" when kind == EntityKind.Group => "'" + names.Of(registry.Permission) + "' is the permission class",
        _ => "'" + names.Of(registry.User) + "' is the registered user and '" + names.Of(registry.Permission) + "' the permission class",
    };

    private static string FullName(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}
