using System.Security.Claims;

namespace KegAuth.AspNetCore.UI.Services;

/// <summary>
/// What the admin pages change, without the app's types (Razor Pages cannot be generic):
/// <see cref="KegAuthAdmin{TContext, TUser}"/> closes over the context and user, finds the permission,
/// bundle and group classes in the context's model, and saves every change through the context, so
/// KegAuth's save rules (session-key reset, column lengths) apply as everywhere else.
/// </summary>
internal interface IKegAuthAdmin
{
    /// <summary>Whether the app's model maps a class of <paramref name="kind"/>.</summary>
    bool Maps(KegEntityKind kind);

    /// <summary>Whether the signed-in admin is a superuser (only a superuser changes the superuser flag).</summary>
    Task<bool> IsSuperuserAsync(ClaimsPrincipal actor, CancellationToken cancellationToken);

    /// <summary>The user with the key <paramref name="key"/>, or null.</summary>
    Task<KegAdminUser?> FindUserAsync(string? key, CancellationToken cancellationToken);

    /// <summary>Creates a user through <see cref="IKegUserCreation{TUser}"/> (random password, verification mail).</summary>
    Task<KegAdminResult> CreateUserAsync(ClaimsPrincipal actor, string? loginId, bool isSuperuser, bool sendMail, CancellationToken cancellationToken);

    /// <summary>Changes a user's login id, flags, disabled date and assignments.</summary>
    Task<KegAdminResult> UpdateUserAsync(ClaimsPrincipal actor, string? key, KegAdminUserChange change, CancellationToken cancellationToken);

    /// <summary>Sends a new verification mail through <see cref="IKegPasswordReset{TUser}.ResendVerificationAsync"/>.</summary>
    Task<KegAdminResult> ResendVerificationAsync(string? key, string? sourceIp, CancellationToken cancellationToken);

    /// <summary>Deletes a user (not the signed-in admin).</summary>
    Task<KegAdminResult> DeleteUserAsync(ClaimsPrincipal actor, string? key, CancellationToken cancellationToken);

    /// <summary>One page of permissions, bundles or groups by name.</summary>
    Task<KegAdminListPage> ListAsync(KegEntityKind kind, string? search, string? after, int pageSize, CancellationToken cancellationToken);

    /// <summary>A permission, bundle or group with its assignments, or null.</summary>
    Task<KegAdminItem?> FindAsync(KegEntityKind kind, string? key, CancellationToken cancellationToken);

    /// <summary>Creates a permission (not one declared in code), bundle or group.</summary>
    Task<KegAdminResult> CreateAsync(KegEntityKind kind, string? name, string? description, CancellationToken cancellationToken);

    /// <summary>Renames a permission (not one declared in code), bundle or group and sets its assignments.</summary>
    Task<KegAdminResult> UpdateAsync(KegEntityKind kind, string? key, string? name, string? description, IReadOnlyDictionary<KegEntityKind, IReadOnlyCollection<string>> assignments, CancellationToken cancellationToken);

    /// <summary>Deletes a permission (not one declared in code), bundle or group.</summary>
    Task<KegAdminResult> DeleteAsync(KegEntityKind kind, string? key, CancellationToken cancellationToken);
}
