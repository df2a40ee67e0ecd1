using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KegAuth.EntityFrameworkCore;

/// <summary>Reads the <see cref="KegAuthOptions"/> a running context was configured with by <c>UseKegAuth</c>.</summary>
internal static class KegAuthContextOptions
{
    /// <summary>The options, or <see langword="null"/> when UseKegAuth was not called.</summary>
    public static KegAuthOptions? Find(DbContext context)
        => context.GetService<IDbContextOptions>().FindExtension<KegAuthOptionsExtension>()?.Options;

    /// <summary>The context's options.</summary>
    /// <exception cref="InvalidOperationException">UseKegAuth was not called on the context's options.</exception>
    public static KegAuthOptions Get(DbContext db)
        => Find(db) ?? throw new InvalidOperationException(
            $"The context '{db.GetType().Name}' was not configured with UseKegAuth, so it has no KegAuth clock or lockout settings; call UseKegAuth after the database provider.");
}
