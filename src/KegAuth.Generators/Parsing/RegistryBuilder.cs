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
        return new RegistryModel(
            User(all.Where(r => r.Kind == EntityKind.User).ToList()),
            Single(all, EntityKind.Permission),
            Single(all, EntityKind.Bundle),
            Single(all, EntityKind.Group),
            Single(all, EntityKind.Attempt),
            IsEmpty: all.Count == 0);
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
