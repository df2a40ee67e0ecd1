using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Decorates the provider's <see cref="IModelCustomizer"/>: after the context's DbSets and
/// <c>OnModelCreating</c>, maps the permission, bundle and group relationships onto KegAuth's
/// tables, and with keg-auth schema naming, the column formats. Navigations the user configured as many-to-many are left alone.
/// </summary>
internal sealed class KegAuthModelCustomizer(IModelCustomizer inner) : IModelCustomizer
{
    /// <inheritdoc/>
    public void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        inner.Customize(modelBuilder, context);
        var options = KegAuthContextOptions.Find(context);
        KegAuthMappingTables.Configure(modelBuilder, options?.TableNamespace);
        KegPasskeyMapping.Configure(modelBuilder, options?.TableNamespace);
        KegAuthSchemaMapping.Configure(modelBuilder, context, options?.SchemaNaming);
    }
}
