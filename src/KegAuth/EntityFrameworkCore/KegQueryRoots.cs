using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Query;

namespace KegAuth.EntityFrameworkCore;

/// <summary>Reads the entity behind an EF Core query, for the conditional updates that must name one row by its key.</summary>
internal static class KegQueryRoots
{
    /// <summary>The single mapped key property of the entity <paramref name="query"/> reads, or <see langword="null"/> (not an EF query, or a composite key).</summary>
    public static PropertyInfo? KeyProperty(Expression query)
    {
        // A DbSet is its root; Where, AsNoTracking and the like wrap it as their first argument.
        while (query is MethodCallExpression { Arguments.Count: > 0 } call)
        {
            query = call.Arguments[0];
        }

        var key = (query as EntityQueryRootExpression)?.EntityType.FindPrimaryKey();
        return key is { Properties.Count: 1 } ? key.Properties[0].PropertyInfo : null;
    }

    /// <summary><c>row =&gt; row.Key == key</c>, with the key sent as a parameter (a closure, not a constant).</summary>
    public static Expression SameRow(ParameterExpression row, PropertyInfo keyProperty, object? key)
    {
        Expression<Func<object?>> keyValue = () => key;
        return Expression.Equal(Expression.Property(row, keyProperty), Expression.Convert(keyValue.Body, keyProperty.PropertyType));
    }
}
