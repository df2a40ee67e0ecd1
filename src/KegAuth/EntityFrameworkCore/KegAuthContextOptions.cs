using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KegAuth.EntityFrameworkCore;

/// <summary>Reads the <see cref="KegAuthOptions"/> a running context was configured with.</summary>
internal static class KegAuthContextOptions
{
    /// <summary>The options, or <see langword="null"/> when UseKegAuth was not called.</summary>
    public static KegAuthOptions? Find(DbContext context)
        => context.GetService<IDbContextOptions>().FindExtension<KegAuthOptionsExtension>()?.Options;
}
