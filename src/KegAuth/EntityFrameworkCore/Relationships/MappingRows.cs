using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using static KegAuth.EntityFrameworkCore.ModelExpressions;

namespace KegAuth.EntityFrameworkCore;

/// <summary>Reads one column of a mapping table's rows, for the session-key reset.</summary>
internal static class MappingRows
{
    private static readonly MethodInfo RowsMethod = typeof(MappingRows).GetMethod(nameof(Rows), BindingFlags.Static | BindingFlags.NonPublic)!;

    /// <summary>
    /// <c>SELECT select FROM join WHERE filter IN (values)</c>, untyped: values of another type than
    /// <paramref name="filter"/>'s are left out rather than failing the query. A nullable column
    /// (<c>int?</c>) takes values of its underlying type: a boxed key is never of a nullable type.
    /// </summary>
    public static IQueryable<object> Select(DbContext context, IEntityType join, IProperty filter, IEnumerable<object> values, IProperty select)
    {
        var valueType = Nullable.GetUnderlyingType(filter.ClrType) ?? filter.ClrType;
        var typed = values.Where(v => v.GetType() == valueType).ToArray();
        var array = Array.CreateInstance(filter.ClrType, typed.Length);
        Array.Copy(typed, array, typed.Length);

        var source = (IQueryable)RowsMethod.MakeGenericMethod(join.ClrType).Invoke(null, [context, join])!;
        var row = Expression.Parameter(join.ClrType);
        var rows = Expression.Call(
            WhereMethod.MakeGenericMethod(join.ClrType),
            source.Expression,
            Expression.Lambda(In(array, Property(row, filter)), row));
        var selected = Expression.Call(
            SelectMethod.MakeGenericMethod(join.ClrType, typeof(object)),
            rows,
            Expression.Lambda(Expression.Convert(Property(row, select), typeof(object)), row));
        return source.Provider.CreateQuery<object>(selected);
    }

    // Stryker disable once Conditional : EF's named Set also finds an entity type of its own CLR type by its name, so a join class gets the same set either way (ClrJoinEntityTests)
    private static IQueryable<TJoin> Rows<TJoin>(DbContext context, IEntityType join)
        where TJoin : class
        => join.HasSharedClrType ? context.Set<TJoin>(join.Name) : context.Set<TJoin>();
}
