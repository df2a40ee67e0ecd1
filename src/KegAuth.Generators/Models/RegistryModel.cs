using System.Linq;

namespace KegAuth.Generators.Models;

/// <summary>
/// The compile-time entity registry (keg-auth <c>EntityRegistry</c>): the one class of each kind, as
/// <c>global::</c>-qualified names, or <see langword="null"/> when the kind has no class or the choice is
/// ambiguous (the analyzer reports that).
/// </summary>
/// <param name="User">The registered user: the only <c>[KegUser]</c>, or the one marked registered.</param>
/// <param name="Permission">The <c>[KegPermission]</c> class.</param>
/// <param name="Bundle">The <c>[KegBundle]</c> class.</param>
/// <param name="Group">The <c>[KegGroup]</c> class.</param>
/// <param name="Attempt">The <c>[KegAttempt]</c> class.</param>
/// <param name="IsEmpty">Whether no Keg entity exists at all (then nothing is emitted).</param>
/// <param name="NonPublic">The registered classes that are not public: a public class must not expose them (KEG018).</param>
internal sealed record RegistryModel(string? User, string? Permission, string? Bundle, string? Group, string? Attempt, bool IsEmpty,
    Helpers.EquatableArray<string> NonPublic = default)
{
    /// <summary>Whether a class of <paramref name="isPublic"/> accessibility may expose <paramref name="type"/> in a public member.</summary>
    public bool MayExpose(bool isPublic, string? type) => type is null || !isPublic || !NonPublic.Contains(type);

    /// <summary>Whether the user owns permission relationships: there is a registered user and a permission class.</summary>
    public bool HasPermissionModel => User is not null && Permission is not null;

    /// <summary>Whether <paramref name="user"/> is the registered user with a permission model.</summary>
    public bool IsPermissionUser(UserModel user) => HasPermissionModel && User == user.Type.FullyQualifiedName;
}
