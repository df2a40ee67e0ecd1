using System.Collections.Generic;
using System.Linq;
using KegAuth.Generators.Models;

namespace KegAuth.Generators.Parsing;

/// <summary>Chooses the one class of each kind from every registration (keg-auth <c>EntityRegistry</c>).</summary>
internal static class RegistryBuilder
{
    /// <summary>The registry; a kind with several candidates and no rule to pick one stays unregistered.</summary>
    public static RegistryModel Build(IEnumerable<RegistrationModel> registrations)
    {
        var all = registrations.ToList();
        var user = User(all.Where(r => r.Kind == EntityKind.User).ToList());
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

    private static string? User(List<RegistrationModel> users)
    {
        if (users.Count == 1)
        {
            return users[0].FullyQualifiedName;
        }

        var registered = users.Where(u => u.Registered).ToList();
        return registered.Count == 1 ? registered[0].FullyQualifiedName : null;
    }

    private static string? Single(List<RegistrationModel> all, EntityKind kind)
    {
        var matches = all.Where(r => r.Kind == kind).ToList();
        return matches.Count == 1 ? matches[0].FullyQualifiedName : null;
    }
}
