using System;
using System.Collections.Generic;
using System.Linq;

namespace KegAuth.Generators.Parsing;

/// <summary>
/// The registry's rules (keg-auth <c>EntityRegistry</c>), decided in one place for the generator's
/// <see cref="RegistryBuilder"/> and the <see cref="Diagnostics.KegRegistryAnalyzer"/>: one class per
/// kind; among several users, the one marked registered.
/// </summary>
internal static class RegistryRules
{
    /// <summary>The class of a kind other than user: the only candidate, or none when there are none or several (KEG006).</summary>
    public static T? Single<T>(IReadOnlyList<T> candidates)
        where T : class => candidates.Count == 1 ? candidates[0] : null;

    /// <summary>The registered user among <paramref name="users"/>, and the users to blame when there is none.</summary>
    /// <returns>
    /// The chosen user (the only one, or the only one marked registered) with no culprits; or no user
    /// with <see cref="UserProblem.NoneRegistered"/> and every user (KEG007), or
    /// <see cref="UserProblem.SeveralRegistered"/> and the registered ones (KEG008).
    /// </returns>
    public static (T? User, UserProblem Problem, IReadOnlyList<T> Culprits) ChooseUser<T>(IReadOnlyList<T> users, Func<T, bool> isRegistered)
        where T : class
    {
        if (users.Count <= 1)
        {
            return (users.FirstOrDefault(), UserProblem.None, Array.Empty<T>());
        }

        var registered = users.Where(isRegistered).ToList();
        return registered.Count switch
        {
            0 => (null, UserProblem.NoneRegistered, users),
            1 => (registered[0], UserProblem.None, Array.Empty<T>()),
            _ => (null, UserProblem.SeveralRegistered, registered),
        };
    }
}

/// <summary>Why no user is registered although there are users.</summary>
internal enum UserProblem
{
    /// <summary>Nothing wrong.</summary>
    None,

    /// <summary>Several users and none marked registered (KEG007).</summary>
    NoneRegistered,

    /// <summary>More than one marked registered (KEG008).</summary>
    SeveralRegistered,
}
