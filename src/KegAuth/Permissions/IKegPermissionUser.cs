using Microsoft.EntityFrameworkCore;

namespace KegAuth;

/// <summary>
/// What the registered user (the one that owns the permission, bundle and group relationships) adds
/// to <see cref="IKegUser"/>. The generator implements it when a <see cref="KegPermissionAttribute"/>
/// class exists; <see cref="PermissionCondition"/> checks run against it.
/// </summary>
public interface IKegPermissionUser : IKegUser
{
    /// <summary>
    /// The tokens of every permission the user has, directly or through bundles and groups (every
    /// permission for a superuser). Cached on the instance until <see cref="ClearPermissionCache"/>.
    /// </summary>
    /// <param name="db">The context to query.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The tokens.</returns>
    Task<IReadOnlySet<string>> GetAllPermissionTokensAsync(DbContext db, CancellationToken cancellationToken = default);

    /// <summary>Forgets the cached permission tokens, so the next check queries again.</summary>
    void ClearPermissionCache();

    /// <summary>Whether the user has every one of <paramref name="tokens"/>.</summary>
    /// <param name="db">The context to query.</param>
    /// <param name="tokens">The permission tokens.</param>
    /// <returns><see langword="true"/> when all are held.</returns>
    /// <exception cref="ArgumentException"><paramref name="tokens"/> is empty: "all of nothing" would be true for every user (keg-auth's <c>has_all_permissions()</c> answers true).</exception>
    Task<bool> HasAllPermissionsAsync(DbContext db, [KegPermissionToken] params string[] tokens);

    /// <summary>Whether the user has at least one of <paramref name="tokens"/>.</summary>
    /// <param name="db">The context to query.</param>
    /// <param name="tokens">The permission tokens.</param>
    /// <returns><see langword="true"/> when one is held.</returns>
    /// <exception cref="ArgumentException"><paramref name="tokens"/> is empty, as for <see cref="HasAllPermissionsAsync"/>.</exception>
    Task<bool> HasAnyPermissionAsync(DbContext db, [KegPermissionToken] params string[] tokens);
}
