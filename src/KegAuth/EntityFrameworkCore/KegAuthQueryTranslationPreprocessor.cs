using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Query;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Inlines the users' <c>IsActive</c>, <c>IsDisabledByDate</c> and <c>IsActiveAt</c> rules around the
/// provider's preprocessing. One instance per query compilation.
/// </summary>
internal sealed class KegAuthQueryTranslationPreprocessor : QueryTranslationPreprocessor
{
    /// <summary>The runtime parameter's name; the prefix keeps it apart from users' captured variables.</summary>
    public const string NowParameterName = "__keg_now";

    private readonly QueryTranslationPreprocessor _inner;
    private readonly KegUserMemberInliner _inliner;
    private QueryParameterExpression? _now;

    public KegAuthQueryTranslationPreprocessor(
        QueryTranslationPreprocessorDependencies dependencies,
        QueryCompilationContext queryCompilationContext,
        QueryTranslationPreprocessor inner)
        : base(dependencies, queryCompilationContext)
    {
        _inner = inner;
        _inliner = new KegUserMemberInliner(GetNowParameter);
    }

    /// <inheritdoc/>
    public override Expression Process(Expression query)
    {
        query = _inliner.Visit(query);
        query = _inner.Process(query);

        // Query filters join the tree during navigation expansion, inside the inner Process.
        return _inliner.Visit(query);
    }

    // Registered at most once per compilation, and only when a rule is inlined; the extractor runs
    // at every execution, so a cached query still sees the current time.
    private QueryParameterExpression GetNowParameter()
        => _now ??= QueryCompilationContext.RegisterRuntimeParameter(NowParameterName, KegAuthClock.UtcNowExtractor);
}
