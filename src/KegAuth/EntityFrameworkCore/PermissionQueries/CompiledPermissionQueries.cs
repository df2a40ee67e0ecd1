using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// The permission queries of one user or group class in one model, compiled once
/// (<see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(System.Linq.Expressions.Expression{Func{TContext, TParam1, IQueryable{TResult}}})"/>)
/// and kept as a runtime annotation on the model: a request then pays neither for building the
/// expression tree nor for EF's query-cache lookup, which was a third of the call.
/// </summary>
/// <typeparam name="TPermission">The permission class.</typeparam>
/// <typeparam name="TKey">The root's key type.</typeparam>
internal sealed class CompiledPermissionQueries<TPermission, TKey>
    where TPermission : class
{
    private readonly Func<DbContext, TKey, IAsyncEnumerable<TPermission>> _tracked;
    private readonly Func<DbContext, TKey, IAsyncEnumerable<TPermission>> _untracked;
    private readonly Func<DbContext, TKey, IAsyncEnumerable<TPermission>> _identityResolved;

    private CompiledPermissionQueries(IEntityType root, KegEntityKind kind)
    {
        var routes = PermissionRoutes.Find(root, kind);
        _tracked = EF.CompileAsyncQuery(PermissionQueryExpressions.Permissions<TPermission, TKey>(root, routes, QueryTrackingBehavior.TrackAll));
        _untracked = EF.CompileAsyncQuery(PermissionQueryExpressions.Permissions<TPermission, TKey>(root, routes, QueryTrackingBehavior.NoTracking));
        _identityResolved = EF.CompileAsyncQuery(PermissionQueryExpressions.Permissions<TPermission, TKey>(root, routes, QueryTrackingBehavior.NoTrackingWithIdentityResolution));
        Tokens = EF.CompileAsyncQuery(PermissionQueryExpressions.Tokens<TPermission, TKey>(root, routes));
    }

    /// <summary>The tokens of the root's permissions.</summary>
    public Func<DbContext, TKey, IAsyncEnumerable<string>> Tokens { get; }

    /// <summary>The queries of <paramref name="rootType"/> in <paramref name="db"/>'s model, built on first use and kept under <paramref name="annotationName"/> (one per root type).</summary>
    /// <exception cref="InvalidOperationException"><paramref name="rootType"/> is not in the model, or its relationships are not KegAuth's many-to-many tables.</exception>
    public static CompiledPermissionQueries<TPermission, TKey> For(DbContext db, Type rootType, string annotationName, KegEntityKind kind)
    {
        var model = db.Model;
        return model.GetOrAddRuntimeAnnotationValue(
            annotationName,
            static state => new CompiledPermissionQueries<TPermission, TKey>(
                state.Model.FindEntityType(state.RootType)
                    ?? throw new InvalidOperationException($"'{state.RootType.Name}' is not an entity of this context's model."),
                state.Kind),
            (Model: model, RootType: rootType, Kind: kind));
    }

    /// <summary>The permissions query that follows <paramref name="db"/>'s <see cref="Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker.QueryTrackingBehavior"/>, as any other query on it would.</summary>
    public Func<DbContext, TKey, IAsyncEnumerable<TPermission>> Permissions(DbContext db) => db.ChangeTracker.QueryTrackingBehavior switch
    {
        QueryTrackingBehavior.NoTracking => _untracked,
        QueryTrackingBehavior.NoTrackingWithIdentityResolution => _identityResolved,
        _ => _tracked,
    };
}
