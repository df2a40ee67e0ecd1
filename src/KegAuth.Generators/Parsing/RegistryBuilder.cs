using System.Collections.Generic;
using System.Linq;
using KegAuth.Generators.Models;

namespace KegAuth.Generators.Parsing;

/// <summary>Chooses the one class of each kind from every registration (keg-auth <c>EntityRegistry</c>), by <see cref="RegistryRules"/>.</summary>
internal static class RegistryBuilder
{
    /// <summary>The registry; a kind with several candidates and no rule to pick one stays unregistered.</summary>
    public static RegistryModel Build(IEnumerable<RegistrationModel> registrations)
    {
        var all = registrations.ToList();
        var user = RegistryRules.ChooseUser(all.Where(r => r.Kind == EntityKind.User).ToList(), static r => r.Registered).User?.FullyQualifiedName;
        var permission = Single(all, EntityKind.Permission);
        var bundle = Single(all, EntityKind.Bundle);
        var group = Single(all, EntityKind.Group);
        var attempt = Single(all, EntityKind.Attempt);
        var registered = new[] { user, permission, bundle, group, attempt };
        var nonPublic = all
            .Where(r => !r.IsPublic && registered.Contains(r.FullyQualifiedName))
            .Select(r => r.FullyQualifiedName)
            .Distinct()
            .OrderBy(n => n, System.StringComparer.Ordinal);
        return new RegistryModel(user, permission, bundle, group, attempt, IsEmpty: all.Count == 0, Helpers.EquatableArray.ToEquatableArray(nonPublic));
    }

    private static string? Single(List<RegistrationModel> all, EntityKind kind)
        => RegistryRules.Single(all.Where(r => r.Kind == kind).ToList())?.FullyQualifiedName;
}
