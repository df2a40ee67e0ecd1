using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using static KegAuth.EntityFrameworkCore.ModelExpressions;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Builds the permission query as an expression tree from <see cref="PermissionRoutes"/>: the
/// permission keys of every route, read from the mapping tables alone and combined with UNION, then
/// the permission rows whose key is among them. This is the SQL one would write by hand; following
/// the navigations instead joined every intermediate table and, with the routes OR-ed, made SQLite
/// scan the permission table.
/// </summary>
internal static class PermissionQueryExpressions
{
    /// <summary>
    /// <c>(db, key) =&gt; permissions of the root entity with that key</c>, tracked as <paramref name="tracking"/> says.
    /// Model query filters still apply: the permission's to the rows, and a root, bundle or group
    /// hidden by its filter grants nothing.
    /// </summary>
    public static Expression<Func<DbContext, TKey, IQueryable<TPermission>>> Permissions<TPermission, TKey>(
        IEntityType root, IReadOnlyList<IReadOnlyList<MappingHop>> routes, QueryTrackingBehavior tracking)
        where TPermission : class
    {
        // Stryker disable once String : the context parameter is bound by position; its name only labels the tree
        var db = Expression.Parameter(typeof(DbContext), "db");
        var key = Expression.Parameter(typeof(TKey), "key");
        var permissionKey = routes[0][^1].TargetKey;
        var ids = routes
            .Select(route => RouteKeys(db, key, root, route, permissionKey))
            .Aggregate((left, right) => Expression.Call(UnionMethod.MakeGenericMethod(permissionKey.ClrType), left, right));

        var permissions = Expression.Call(Tracking(tracking).MakeGenericMethod(typeof(TPermission)), Set(db, routes[0][^1].Target));
        var permission = Expression.Parameter(typeof(TPermission));
        var contains = Expression.Call(ContainsMethod.MakeGenericMethod(permissionKey.ClrType), ids, Property(permission, permissionKey));
        var body = Expression.Call(WhereMethod.MakeGenericMethod(typeof(TPermission)), permissions, Expression.Lambda(contains, permission));
        return Expression.Lambda<Func<DbContext, TKey, IQueryable<TPermission>>>(body, db, key);
    }

    /// <summary><c>(db, key) =&gt; the tokens of <see cref="Permissions"/></c>, untracked (a projection).</summary>
    public static Expression<Func<DbContext, TKey, IQueryable<string>>> Tokens<TPermission, TKey>(
        IEntityType root, IReadOnlyList<IReadOnlyList<MappingHop>> routes)
        where TPermission : class
    {
        var permissions = Permissions<TPermission, TKey>(root, routes, QueryTrackingBehavior.NoTracking);
        var permission = Expression.Parameter(typeof(TPermission));
        var token = Expression.Lambda(Expression.Property(permission, nameof(IKegPermission.Token)), permission);
        var body = Expression.Call(SelectMethod.MakeGenericMethod(typeof(TPermission), typeof(string)), permissions.Body, token);
        return Expression.Lambda<Func<DbContext, TKey, IQueryable<string>>>(body, permissions.Parameters);
    }

    /// <summary>The permission keys one route reaches from the root's <paramref name="key"/>.</summary>
    private static Expression RouteKeys(ParameterExpression db, ParameterExpression key, IEntityType root, IReadOnlyList<MappingHop> route, IProperty permissionKey)
    {
        var first = route[0];
        var row = Expression.Parameter(first.Join.ClrType);
        Expression start = Expression.Equal(Property(row, first.From), Convert(key, first.From.ClrType));
        if (HasQueryFilter(root))
        {
            start = Expression.AndAlso(start, Exists(db, root, root.FindPrimaryKey()!.Properties[0], Convert(key, root.FindPrimaryKey()!.Properties[0].ClrType)));
        }

        var keys = Expression.Call(
            SelectMethod.MakeGenericMethod(first.Join.ClrType, first.To.ClrType),
            Expression.Call(WhereMethod.MakeGenericMethod(first.Join.ClrType), Set(db, first.Join), Expression.Lambda(start, row)),
            Expression.Lambda(Property(row, first.To), row));
        var previous = first;
        foreach (var hop in route.Skip(1))
        {
            keys = VisibleOnly(db, keys, previous);
            keys = Follow(db, keys, previous.To.ClrType, hop);
            previous = hop;
        }

        if (previous.TargetKey != permissionKey)
        {
            throw new InvalidOperationException(
                $"The mapping tables to '{previous.Target.DisplayName()}' point at different keys; KegAuth needs one permission key.");
        }

        // Stryker disable once Conditional : a Select converting a key to its own type is one EF drops; the same rows come back
        return previous.To.ClrType == permissionKey.ClrType ? keys : Cast(keys, previous.To.ClrType, permissionKey.ClrType);
    }

    /// <summary><c>keys.Join(hop's table, k =&gt; k, row =&gt; row.From, (k, row) =&gt; row.To)</c>.</summary>
    private static MethodCallExpression Follow(ParameterExpression db, Expression keys, Type keyType, MappingHop hop)
    {
        var outer = Expression.Parameter(keyType);
        var row = Expression.Parameter(hop.Join.ClrType);
        var resultKey = Expression.Parameter(keyType);
        return Expression.Call(
            JoinMethod.MakeGenericMethod(keyType, hop.Join.ClrType, keyType, hop.To.ClrType),
            keys,
            Set(db, hop.Join),
            Expression.Lambda(outer, outer),
            Expression.Lambda(Convert(Property(row, hop.From), keyType), row),
            Expression.Lambda(Property(row, hop.To), resultKey, row));
    }

    /// <summary>Keeps only the keys of <paramref name="hop"/>'s target that its query filter lets through; unchanged when it has none.</summary>
    private static MethodCallExpression VisibleOnly(ParameterExpression db, MethodCallExpression keys, MappingHop hop)
    {
        if (!HasQueryFilter(hop.Target))
        {
            return keys;
        }

        var key = Expression.Parameter(hop.To.ClrType);
        return Expression.Call(
            WhereMethod.MakeGenericMethod(hop.To.ClrType),
            keys,
            Expression.Lambda(Exists(db, hop.Target, hop.TargetKey, key), key));
    }

    /// <summary><c>db.Set&lt;entity&gt;().Any(e =&gt; e.key == value)</c>, which applies the entity's query filter.</summary>
    private static MethodCallExpression Exists(ParameterExpression db, IEntityType entity, IProperty entityKey, Expression value)
    {
        var item = Expression.Parameter(entity.ClrType);
        var match = Expression.Equal(Property(item, entityKey), Convert(value, entityKey.ClrType));
        return Expression.Call(AnyMethod.MakeGenericMethod(entity.ClrType), Set(db, entity), Expression.Lambda(match, item));
    }

    private static bool HasQueryFilter(IEntityType entity) => entity.GetRootType().GetDeclaredQueryFilters().Count > 0;

    private static MethodCallExpression Cast(Expression keys, Type from, Type to)
    {
        var key = Expression.Parameter(from);
        return Expression.Call(SelectMethod.MakeGenericMethod(from, to), keys, Expression.Lambda(Expression.Convert(key, to), key));
    }

    private static MethodInfo Tracking(QueryTrackingBehavior tracking) => tracking switch
    {
        QueryTrackingBehavior.NoTracking => typeof(EntityFrameworkQueryableExtensions).GetMethod(nameof(EntityFrameworkQueryableExtensions.AsNoTracking))!,
        QueryTrackingBehavior.NoTrackingWithIdentityResolution => typeof(EntityFrameworkQueryableExtensions).GetMethod(nameof(EntityFrameworkQueryableExtensions.AsNoTrackingWithIdentityResolution))!,
        _ => typeof(EntityFrameworkQueryableExtensions).GetMethod(nameof(EntityFrameworkQueryableExtensions.AsTracking), 1, [typeof(IQueryable<>).MakeGenericType(Type.MakeGenericMethodParameter(0))])!,
    };
}
