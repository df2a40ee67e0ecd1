using System.Reflection;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// The run-time entity registry (keg-auth <c>EntityRegistry</c>): the one class of each kind a model
/// maps. The rule is the analyzers' (KEG006-KEG008), applied to the model instead of one assembly: a
/// kind's class is the only one, and for users the only one or the one marked
/// <c>[KegUser(Registered = true)]</c>. Within one assembly the analyzers already guarantee that; a model
/// that maps classes from several assemblies can still break it, and then it is refused with the
/// classes named instead of one being picked by name.
/// </summary>
/// <param name="User">The registered user.</param>
/// <param name="Permission">The <see cref="IKegPermission"/> type.</param>
/// <param name="Bundle">The <see cref="IKegBundle"/> type.</param>
/// <param name="Group">The <see cref="IKegGroup"/> type.</param>
/// <param name="Attempt">The <see cref="IKegAttempt"/> type.</param>
internal sealed record KegEntityTypes(
    IReadOnlyEntityType? User, IReadOnlyEntityType? Permission, IReadOnlyEntityType? Bundle, IReadOnlyEntityType? Group, IReadOnlyEntityType? Attempt)
{
    /// <summary>Reads <paramref name="model"/>; shared-type entities (join tables) and owned types are skipped, and a derived type counts as its hierarchy's root.</summary>
    /// <exception cref="InvalidOperationException">The model maps two classes of one kind (two registered users, two permission classes, ...).</exception>
    public static KegEntityTypes Find(IReadOnlyModel model)
    {
        var types = model.GetEntityTypes().Where(t => !t.HasSharedClrType && !t.IsOwned()).ToList();
        return new KegEntityTypes(
            RegisteredUser(Roots(types, KegEntityKind.User)),
            Single(Roots(types, KegEntityKind.Permission), KegEntityKind.Permission),
            Single(Roots(types, KegEntityKind.Bundle), KegEntityKind.Bundle),
            Single(Roots(types, KegEntityKind.Group), KegEntityKind.Group),
            Single(Roots(types, KegEntityKind.Attempt), KegEntityKind.Attempt));
    }

    /// <summary>The entity type of <paramref name="kind"/>, or <see langword="null"/>.</summary>
    public IReadOnlyEntityType? Get(KegEntityKind kind) => kind switch
    {
        KegEntityKind.User => User,
        KegEntityKind.Permission => Permission,
        KegEntityKind.Bundle => Bundle,
        KegEntityKind.Group => Group,
        KegEntityKind.Attempt => Attempt,
        _ => null,
    };

    // Mapping a derived type as well as its root would otherwise count the hierarchy twice.
    private static List<IReadOnlyEntityType> Roots(List<IReadOnlyEntityType> types, KegEntityKind kind)
    {
        var contract = KegEntityInterfaces.Of(kind);
        return types.Where(t => contract.IsAssignableFrom(t.ClrType) && (t.BaseType is null || !contract.IsAssignableFrom(t.BaseType.ClrType))).ToList();
    }

    private static IReadOnlyEntityType? Single(List<IReadOnlyEntityType> candidates, KegEntityKind kind) => candidates.Count switch
    {
        0 => null,
        1 => candidates[0],
        _ => throw Ambiguous(candidates, $"several {kind.ToString().ToLowerInvariant()} classes", $"one [Keg{kind}] class"),
    };

    // Several users are fine (keg-auth allows them); the registered one owns the permissions. The
    // generator gives the permission members only to the registered user, so either sign marks it.
    private static IReadOnlyEntityType? RegisteredUser(List<IReadOnlyEntityType> users)
    {
        if (users.Count <= 1)
        {
            return users.FirstOrDefault();
        }

        var registered = users.Where(IsMarkedRegistered).ToList();
        return registered.Count switch
        {
            0 => null,
            1 => registered[0],
            _ => throw Ambiguous(registered, "several registered [KegUser] classes", "one registered user class ([KegUser(Registered = true)], or the only [KegUser] class of its assembly)"),
        };
    }

    private static bool IsMarkedRegistered(IReadOnlyEntityType user)
        => typeof(IKegPermissionUser).IsAssignableFrom(user.ClrType) || user.ClrType.GetCustomAttribute<KegUserAttribute>()?.Registered == true;

    private static InvalidOperationException Ambiguous(List<IReadOnlyEntityType> types, string what, string wanted)
    {
        var names = string.Join(", ", types.Select(t => t.ClrType.FullName).Order(StringComparer.Ordinal));
        return new InvalidOperationException(
            $"The model maps {what} ({names}); KegAuth needs {wanted} per model, as its analyzers require within one assembly. Map only one of them in this context.");
    }
}
