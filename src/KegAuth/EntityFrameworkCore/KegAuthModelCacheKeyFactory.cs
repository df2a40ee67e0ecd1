using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Decorates the model cache key with <see cref="KegAuthOptions.TableNamespace"/> and
/// <see cref="KegAuthOptions.SchemaNaming"/>: every KegAuth context shares one internal service
/// provider, so without them two contexts of one type with different settings would share the first
/// one's model, table and column names.
/// </summary>
internal sealed class KegAuthModelCacheKeyFactory(IModelCacheKeyFactory inner) : IModelCacheKeyFactory
{
    /// <inheritdoc/>
    public object Create(DbContext context, bool designTime)
    {
        var options = KegAuthContextOptions.Find(context);
        return new Key(inner.Create(context, designTime), options?.TableNamespace, options?.SchemaNaming);
    }

    private sealed record Key(object Inner, string? TableNamespace, KegSchemaNaming? SchemaNaming);
}
