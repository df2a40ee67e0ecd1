using System.ComponentModel;
using System.Diagnostics;
using KegAuth.Telemetry;
using KegAuth.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Infrastructure;

/// <summary>
/// Permission resolution for the generated <c>GetAllPermissionsAsync</c> and
/// <c>GetAllPermissionTokensAsync</c> of a user or group class: the direct grants and those through
/// the mapping tables (bundles, groups, the groups' bundles), in one SQL command compiled once per
/// model. Called by generated code; not meant to be called directly.
/// </summary>
/// <typeparam name="TRoot">The user or group class (a group when it implements <see cref="IKegGroup"/>).</typeparam>
/// <typeparam name="TPermission">The permission class.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KegPermissionQuery<TRoot, TPermission>
    where TRoot : class
    where TPermission : class, IKegPermission
{
    private static readonly KegEntityKind Kind = typeof(IKegGroup).IsAssignableFrom(typeof(TRoot)) ? KegEntityKind.Group : KegEntityKind.User;

    // Per request the lookup is one annotation read; the name is built once per class, not per call.
    private static readonly string AnnotationName = "KegAuth:PermissionQueries:" + typeof(TRoot).FullName;

    /// <summary>
    /// The permissions of the <typeparamref name="TRoot"/> whose key is <paramref name="key"/>, tracked
    /// as the context's <c>QueryTrackingBehavior</c> says, like any other query on it.
    /// </summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="db">The context to query.</param>
    /// <param name="key">The user's or group's key.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The permissions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="db"/> is null.</exception>
    /// <exception cref="InvalidOperationException"><typeparamref name="TRoot"/> is not in the model, or its relationships are not many-to-many (UseKegAuth was not called).</exception>
    public static async Task<IReadOnlySet<TPermission>> PermissionsAsync<TKey>(DbContext db, TKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        using var activity = Resolving(db);
        try
        {
            var query = CompiledPermissionQueries<TPermission, TKey>.For(db, typeof(TRoot), AnnotationName, Kind).Permissions(db);
            var set = new HashSet<TPermission>();
            await foreach (var permission in query(db, key).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                set.Add(permission);
            }

            activity?.SetTag("kegauth.permission.count", set.Count);
            return set;
        }
        catch (Exception exception)
        {
            KegAuthActivitySource.Failed(activity, exception);
            throw;
        }
    }

    /// <summary>The tokens of <see cref="PermissionsAsync"/>, as an ordinal set; nothing is tracked.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <param name="db">The context to query.</param>
    /// <param name="key">The user's or group's key.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The tokens.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="db"/> is null.</exception>
    /// <exception cref="InvalidOperationException">As <see cref="PermissionsAsync"/>.</exception>
    public static async Task<IReadOnlySet<string>> TokensAsync<TKey>(DbContext db, TKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        using var activity = Resolving(db);
        try
        {
            var query = CompiledPermissionQueries<TPermission, TKey>.For(db, typeof(TRoot), AnnotationName, Kind).Tokens;
            var set = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var token in query(db, key).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                set.Add(token);
            }

            activity?.SetTag("kegauth.permission.count", set.Count);
            return set;
        }
        catch (Exception exception)
        {
            KegAuthActivitySource.Failed(activity, exception);
            throw;
        }
    }

    /// <summary>Counts a resolution (a cache miss of the generated per-instance cache) and starts its span.</summary>
    private static Activity? Resolving(DbContext db)
    {
        var holder = Kind == KegEntityKind.Group ? KegAuthTelemetryValues.Group : KegAuthTelemetryValues.User;
        (KegAuthContextOptions.Find(db)?.Metrics ?? KegAuthMetrics.Shared).PermissionResolution(holder);
        var activity = KegAuthActivitySource.Source.StartActivity(KegAuthActivitySource.PermissionsResolve);
        activity?.SetTag("kegauth.permission.holder", holder);
        return activity;
    }
}
