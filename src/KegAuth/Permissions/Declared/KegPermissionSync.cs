using Microsoft.EntityFrameworkCore;

namespace KegAuth;

/// <summary>
/// Brings the permission table in line with the permissions the application declares, as keg-auth's
/// <c>init_permissions</c> does at start-up: inserts missing tokens, updates descriptions, deletes
/// undeclared tokens (unless <see cref="KegPermissionSyncOptions.KeepUndeclared"/>). One query reads the
/// table and one <c>SaveChanges</c> writes the difference. Safe when several nodes start at once: a
/// node that loses a race to insert or delete the same row reads the table again and finds nothing left to do.
/// </summary>
public static class KegPermissionSync
{
    /// <summary>The longest token the permission table holds.</summary>
    public const int MaxTokenLength = 1024;

    // A racing node can win at most once per row kind (insert, delete); the third read sees its result.
    private const int MaxAttempts = 3;

    /// <summary>Checks declarations as the sync would, so that a mistake is reported where they are registered.</summary>
    /// <param name="declared">The declared permissions.</param>
    /// <exception cref="ArgumentNullException"><paramref name="declared"/> is null.</exception>
    /// <exception cref="ArgumentException">A token is empty, too long or holds control characters, or one token is declared twice with different descriptions.</exception>
    public static void Validate(IEnumerable<KegDeclaredPermission> declared)
    {
        ArgumentNullException.ThrowIfNull(declared);
        _ = KegDeclaredPermissions.ToLookup(declared);
    }

    /// <summary>
    /// Synchronises the table of the <c>[KegPermission]</c> class that <paramref name="db"/>'s model maps,
    /// for callers that know the context only at run time (the start-up step, the command line).
    /// </summary>
    /// <param name="db">A context with no pending changes of its own (the sync saves it).</param>
    /// <param name="declared">The declared permissions.</param>
    /// <param name="options">Whether to keep undeclared tokens, and whether to only report.</param>
    /// <param name="cancellationToken">Cancels the read and the write.</param>
    /// <returns>The tokens added, updated and removed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="db"/> or <paramref name="declared"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The model maps no permission class, the class has no public parameterless constructor, or the context has pending changes.</exception>
    /// <exception cref="ArgumentException">A declaration is invalid (see the generic overload).</exception>
    public static Task<KegPermissionSyncResult> SyncAsync(
        DbContext db, IEnumerable<KegDeclaredPermission> declared, KegPermissionSyncOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var permission = EntityFrameworkCore.KegEntityTypes.Find(db.Model).Permission?.ClrType
            ?? throw new InvalidOperationException($"{db.GetType().Name} maps no [KegPermission] class, so there is no permission table to synchronise.");
        if (permission.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException($"The permission class {permission.Name} needs a public parameterless constructor for the sync to add rows.");
        }

        var method = typeof(KegPermissionSync).GetMethods()
            .Single(m => m.Name == nameof(SyncAsync) && m.IsGenericMethodDefinition)
            .MakeGenericMethod(permission);
        return Reflection.GenericInvoke.Call<Task<KegPermissionSyncResult>>(method, null, db, declared, options, cancellationToken);
    }

    /// <summary>Synchronises the <typeparamref name="TPermission"/> table of <paramref name="db"/> with <paramref name="declared"/>.</summary>
    /// <typeparam name="TPermission">The <c>[KegPermission]</c> class the context maps.</typeparam>
    /// <param name="db">A context with no pending changes of its own (the sync saves it).</param>
    /// <param name="declared">The declared permissions, e.g. a <c>[KegPermissionSet]</c>'s <c>All</c>. A declaration without a description leaves the stored one alone (keg-auth does the same).</param>
    /// <param name="options">Whether to keep undeclared tokens, and whether to only report.</param>
    /// <param name="cancellationToken">Cancels the read and the write.</param>
    /// <returns>The tokens added, updated and removed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="db"/> or <paramref name="declared"/> is null.</exception>
    /// <exception cref="ArgumentException">A declared token is empty, too long or holds control characters, or one token is declared twice with different descriptions.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="db"/> has pending changes that the sync would save with its own.</exception>
    /// <exception cref="DbUpdateException">The write failed for another reason than a racing node.</exception>
    public static async Task<KegPermissionSyncResult> SyncAsync<TPermission>(
        DbContext db, IEnumerable<KegDeclaredPermission> declared, KegPermissionSyncOptions? options = null, CancellationToken cancellationToken = default)
        where TPermission : class, IKegPermission, new()
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(declared);
        options ??= new KegPermissionSyncOptions();
        var wanted = KegDeclaredPermissions.ToLookup(declared);
        if (db.ChangeTracker.HasChanges())
        {
            throw new InvalidOperationException("The context has pending changes; synchronise permissions on a context of its own, so that they are not saved with the permissions.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var plan = await PermissionSyncPlan<TPermission>.ReadAsync(db, wanted, options.KeepUndeclared, cancellationToken).ConfigureAwait(false);
            if (options.DryRun || plan.Result.IsUnchanged)
            {
                plan.Detach(db);
                return plan.Result with { DryRun = options.DryRun };
            }

            plan.Apply(db);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                return plan.Result;
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another node inserted or deleted one of the same rows first: forget this plan, read again.
                plan.Detach(db);
            }
        }
    }
}
