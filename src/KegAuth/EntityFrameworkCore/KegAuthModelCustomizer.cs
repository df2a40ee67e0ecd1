using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Decorates the provider's <see cref="IModelCustomizer"/>: after the context's DbSets and
/// <c>OnModelCreating</c>, maps the permission, bundle and group relationships onto KegAuth's
/// tables. Navigations the user configured as many-to-many are left alone.
/// </summary>
internal sealed class KegAuthModelCustomizer(IModelCustomizer inner) : IModelCustomizer
{
    /// <inheritdoc/>
    public void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        inner.Customize(modelBuilder, context);
        KegAuthMappingTables.Configure(modelBuilder, KegAuthContextOptions.Find(context)?.TableNamespace);
    }
}
