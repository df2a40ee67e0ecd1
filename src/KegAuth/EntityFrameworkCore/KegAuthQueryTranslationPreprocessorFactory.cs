using Microsoft.EntityFrameworkCore.Query;

namespace KegAuth.EntityFrameworkCore;

/// <summary>Creates the provider's preprocessor and wraps it in <see cref="KegAuthQueryTranslationPreprocessor"/>.</summary>
internal sealed class KegAuthQueryTranslationPreprocessorFactory(
    IQueryTranslationPreprocessorFactory inner,
    QueryTranslationPreprocessorDependencies dependencies) : IQueryTranslationPreprocessorFactory
{
    /// <inheritdoc/>
    public QueryTranslationPreprocessor Create(QueryCompilationContext queryCompilationContext)
        => new KegAuthQueryTranslationPreprocessor(dependencies, queryCompilationContext, inner.Create(queryCompilationContext));
}
