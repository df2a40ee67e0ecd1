using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Decorates the model cache key with <see cref="KegAuthOptions.TableNamespace"/>: every KegAuth
/// context shares one internal service provider, so without it two contexts of one type with
/// different namespaces would share the first one's model and table names.
/// </summary>
internal sealed class KegAuthModelCacheKeyFactory(IModelCacheKeyFactory inner) : IModelCacheKeyFactory
{
    /// <inheritdoc/>
    public object Create(DbContext context, bool designTime)
        => new Key(inner.Create(context, designTime), KegAuthContextOptions.Find(context)?.TableNamespace);

    private sealed record Key(object Inner, string? TableNamespace);
}
