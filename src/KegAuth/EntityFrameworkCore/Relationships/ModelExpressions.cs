using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// The expression-tree pieces KegAuth's model-driven queries are built from (the permission query,
/// the session-key reset's mapping-row lookups): sets and properties named by model metadata, so
/// shared-type and property-bag entities (mapping tables) work like CLR ones.
/// </summary>
internal static class ModelExpressions
{
    /// <summary><see cref="Queryable.Where{TSource}(IQueryable{TSource}, Expression{Func{TSource, bool}})"/>.</summary>
    public static readonly MethodInfo WhereMethod = QueryableMethod(nameof(Queryable.Where), 2, predicateArity: 1);

    /// <summary><see cref="Queryable.Select{TSource, TResult}(IQueryable{TSource}, Expression{Func{TSource, TResult}})"/>.</summary>
    public static readonly MethodInfo SelectMethod = QueryableMethod(nameof(Queryable.Select), 2, predicateArity: 1);

    /// <summary>The five-argument <c>Queryable.Join</c>.</summary>
    public static readonly MethodInfo JoinMethod = QueryableMethod(nameof(Queryable.Join), 5, predicateArity: null);

    /// <summary><see cref="Queryable.Union{TSource}(IQueryable{TSource}, IEnumerable{TSource})"/>.</summary>
    public static readonly MethodInfo UnionMethod = QueryableMethod(nameof(Queryable.Union), 2, predicateArity: null);

    /// <summary><see cref="Queryable.Contains{TSource}(IQueryable{TSource}, TSource)"/>.</summary>
    public static readonly MethodInfo ContainsMethod = QueryableMethod(nameof(Queryable.Contains), 2, predicateArity: null);

    /// <summary><see cref="Queryable.Any{TSource}(IQueryable{TSource}, Expression{Func{TSource, bool}})"/>.</summary>
    public static readonly MethodInfo AnyMethod = QueryableMethod(nameof(Queryable.Any), 2, predicateArity: 1);

    private static readonly MethodInfo SetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), 1, Type.EmptyTypes)!;
    private static readonly MethodInfo NamedSetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), 1, [typeof(string)])!;
    private static readonly MethodInfo PropertyMethod = typeof(EF).GetMethod(nameof(EF.Property))!;
    // Stryker disable once Linq : exactly one method matches, so Single and SingleOrDefault return it alike
    private static readonly MethodInfo EnumerableContainsMethod = typeof(Enumerable).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Single(method => method.Name == nameof(Enumerable.Contains) && method.GetParameters().Length == 2);

    /// <summary><c>db.Set&lt;T&gt;()</c>, or <c>db.Set&lt;T&gt;(name)</c> for a shared-type entity such as a mapping table.</summary>
    // Stryker disable once Conditional : EF's named Set also finds an entity type of its own CLR type by its name, so the permission and a join class get the same set either way
    public static MethodCallExpression Set(Expression db, IEntityType entity) => entity.HasSharedClrType
        ? Expression.Call(db, NamedSetMethod.MakeGenericMethod(entity.ClrType), Expression.Constant(entity.Name))
        : Expression.Call(db, SetMethod.MakeGenericMethod(entity.ClrType));

    /// <summary><c>EF.Property&lt;T&gt;(instance, name)</c>: works for CLR, shadow and property-bag properties alike.</summary>
    public static MethodCallExpression Property(Expression instance, IProperty property)
        => Expression.Call(PropertyMethod.MakeGenericMethod(property.ClrType), instance, Expression.Constant(property.Name));

    /// <summary><c>values.Contains(item)</c> over an array of <paramref name="item"/>'s type, which EF sends as one parameter.</summary>
    public static MethodCallExpression In(Array values, Expression item)
        => Expression.Call(EnumerableContainsMethod.MakeGenericMethod(item.Type), Expression.Constant(values), item);

    /// <summary><paramref name="value"/> as <paramref name="type"/>; unchanged when it already is.</summary>
    // Stryker disable once Conditional : a conversion to the value's own type is one EF drops; the query and its rows are the same
    public static Expression Convert(Expression value, Type type) => value.Type == type ? value : Expression.Convert(value, type);

    // Stryker disable once Linq : exactly one method matches each call, so Single and SingleOrDefault return it alike
    private static MethodInfo QueryableMethod(string name, int parameters, int? predicateArity) => typeof(Queryable)
        .GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Single(method => method.Name == name
            && method.GetParameters().Length == parameters
            && (method.Name != nameof(Queryable.Join) || method.GetGenericArguments().Length == 4)
            && (predicateArity is not { } arity || LambdaArity(method.GetParameters()[1].ParameterType) == arity + 1));

    /// <summary>
    /// The number of type arguments of the <c>Func</c> inside <c>Expression&lt;Func&lt;…&gt;&gt;</c>. Only asked
    /// of the second parameter of the two-parameter <c>Where</c>, <c>Select</c> and <c>Any</c>, which is always such a lambda.
    /// </summary>
    private static int LambdaArity(Type parameter) => parameter.GetGenericArguments()[0].GetGenericArguments().Length;
}
