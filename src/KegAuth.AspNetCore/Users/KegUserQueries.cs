using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.AspNetCore.Users;

/// <summary>
/// The per-request user lookups of the authentication schemes, compiled once per model
/// (<see cref="EF.CompileAsyncQuery{TContext, TParam1, TResult}(Expression{Func{TContext, TParam1, CancellationToken, TResult}})"/>)
/// and untracked: a request pays neither for building and funcletizing the expression tree and EF's
/// query-cache lookup, nor for the change tracker. Each reads one row by a unique column.
/// </summary>
/// <remarks>
/// A compiled query refuses to run on a context with another model than its first, and one context
/// type can have several models (KegAuth's own options are part of the model's cache key), so the
/// queries are kept per model, as a runtime annotation, like the permission queries.
/// </remarks>
internal sealed class KegUserQueries<TContext, TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
{
    private static readonly string AnnotationName = "KegAuth:UserQueries:" + typeof(TContext).FullName + ":" + typeof(TUser).FullName;

    private KegUserQueries()
    {
    }

    /// <summary>The user whose session key is the argument, untracked; <see langword="null"/> when none.</summary>
    public Func<TContext, string, CancellationToken, Task<TUser?>> BySessionKey { get; } =
        EF.CompileAsyncQuery((TContext db, string sessionKey, CancellationToken _) =>
            db.Set<TUser>().AsNoTracking().FirstOrDefault(user => user.SessionKey == sessionKey));

    /// <summary>The user whose login id is the argument, untracked (an email matched through the column's converter, as <c>LoginIdEquals</c> does).</summary>
    public Func<TContext, string, CancellationToken, Task<TUser?>> ByLoginId { get; } = CompileByLoginId();

    /// <summary>The queries for <paramref name="db"/>'s model, made on first use.</summary>
    public static KegUserQueries<TContext, TUser> For(TContext db)
        => db.Model.GetOrAddRuntimeAnnotationValue(AnnotationName, static _ => new KegUserQueries<TContext, TUser>(), (object?)null);

    private static Func<TContext, string, CancellationToken, Task<TUser?>> CompileByLoginId()
    {
        // user => EF.Property<string>(user, "<login id>") == loginId, with loginId the compiled query's parameter.
        var db = Expression.Parameter(typeof(TContext), "db");
        var loginId = Expression.Parameter(typeof(string), "loginId");
        var cancellation = Expression.Parameter(typeof(CancellationToken), "cancellationToken");
        var user = Expression.Parameter(typeof(TUser), "user");
        var column = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(string)], user, Expression.Constant(TUser.LoginIdPropertyName));
        var predicate = Expression.Lambda<Func<TUser, bool>>(Expression.Equal(column, loginId), user);
        Expression<Func<TContext, IQueryable<TUser>>> set = context => context.Set<TUser>().AsNoTracking();
        var source = new ParameterReplacer(set.Parameters[0], db).Visit(set.Body);
        var first = Expression.Call(typeof(Queryable), nameof(Queryable.FirstOrDefault), [typeof(TUser)], source, Expression.Quote(predicate));
        var lambda = Expression.Lambda<Func<TContext, string, CancellationToken, TUser?>>(first, db, loginId, cancellation);
        return EF.CompileAsyncQuery(lambda);
    }

    private sealed class ParameterReplacer(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
