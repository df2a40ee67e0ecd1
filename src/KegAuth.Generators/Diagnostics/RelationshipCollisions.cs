using System.Collections.Generic;
using System.Linq;
using KegAuth.Generators.Emitting;
using KegAuth.Generators.Models;
using KegAuth.Generators.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KegAuth.Generators.Diagnostics;

/// <summary>
/// KEG011: collisions with the members that depend on the registry (the registered user's
/// permission members, a bundle's or group's collections). Only known once every class has been
/// seen, so checked at compilation end with the generator's own <see cref="RegistryBuilder"/>.
/// </summary>
internal static class RelationshipCollisions
{
    /// <summary>Reports every collision among <paramref name="entries"/>.</summary>
    public static void Report(CompilationAnalysisContext context, IReadOnlyList<KegRegistryAnalyzer.Entry> entries)
    {
        var registrations = entries
            .Select(e => new RegistrationModel(KindOf(e.Kind), FullName(e.Type), e.Type.MetadataName, e.Registered))
            .ToList();
        var registry = RegistryBuilder.Build(registrations);

        foreach (var entry in entries)
        {
            var kind = KindOf(entry.Kind);
            var generated = kind switch
            {
                EntityKind.User when registry.HasPermissionModel && registry.User == FullName(entry.Type) => GeneratedMembers.ForPermissionUser(registry),
                EntityKind.Bundle or EntityKind.Group => GeneratedMembers.ForRelationships(kind, registry),
                _ => null,
            };

            foreach (var collision in generated is null ? Enumerable.Empty<MemberCollisions.Collision>() : MemberCollisions.Find(entry.Type, generated))
            {
                var location = collision.Member.Locations.FirstOrDefault(l => l.IsInSource) ?? entry.Location;
                context.ReportDiagnostic(Diagnostic.Create(
                    DiagnosticDescriptors.RelationshipMemberCollision, location,
                    collision.Member.ContainingType.Name, collision.Member.Name, collision.Generated.Attribute, entry.Name, Reason(collision.Generated.Name, kind, registry)));
            }
        }
    }

    private static string Reason(string member, EntityKind kind, RegistryModel registry) => member switch
    {
        "Permissions" => "'" + Short(registry.Permission) + "' is the permission class",
        "Bundles" => "'" + Short(registry.Bundle) + "' is the bundle class",
        "Groups" => "'" + Short(registry.Group) + "' is the group class",
        "Users" => "'" + Short(registry.User) + "' is the registered user",
        "GetAllPermissionsAsync" when kind == EntityKind.Group => "'" + Short(registry.Permission) + "' is the permission class",
        _ => "'" + Short(registry.User) + "' is the registered user and '" + Short(registry.Permission) + "' the permission class",
    };

    private static string Short(string? fullName) => fullName is null ? string.Empty : fullName.Substring(fullName.LastIndexOfAny(new[] { '.', ':' }) + 1);

    private static string FullName(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static EntityKind KindOf(string kind) => kind switch
    {
        "user" => EntityKind.User,
        "permission" => EntityKind.Permission,
        "bundle" => EntityKind.Bundle,
        "group" => EntityKind.Group,
        _ => EntityKind.Attempt,
    };
}
