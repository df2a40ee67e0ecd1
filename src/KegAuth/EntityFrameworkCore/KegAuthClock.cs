using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;

namespace KegAuth.EntityFrameworkCore;

/// <summary>Supplies "now" to queries from the running context's <see cref="KegAuthOptions.TimeProvider"/>.</summary>
internal static class KegAuthClock
{
    private static readonly MethodInfo UtcNowMethod =
        typeof(KegAuthClock).GetMethod(nameof(GetUtcNow), BindingFlags.Static | BindingFlags.NonPublic)!;

    /// <summary>The runtime-parameter extractor: <c>queryContext =&gt; GetUtcNow(queryContext)</c>.</summary>
    public static readonly LambdaExpression UtcNowExtractor = Expression.Lambda<Func<QueryContext, DateTime>>(
        Expression.Call(UtcNowMethod, QueryCompilationContext.QueryContextParameter),
        QueryCompilationContext.QueryContextParameter);

    private static DateTime GetUtcNow(QueryContext queryContext)
    {
        // Read from the executing context, not captured at compile time: the compiled query is
        // shared by every context on the service provider, each with its own clock.
        var extension = queryContext.Context.GetService<IDbContextOptions>().FindExtension<KegAuthOptionsExtension>()
            ?? throw new InvalidOperationException(
                $"The context '{queryContext.Context.GetType().Name}' runs a query that uses IsActive, but UseKegAuth was not called on its options.");
        return extension.Options.UtcNow;
    }
}
