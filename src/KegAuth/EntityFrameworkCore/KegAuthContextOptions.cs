using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace KegAuth.EntityFrameworkCore;

/// <summary>Reads the <see cref="KegAuthOptions"/> a context was built with by <c>UseKegAuth</c>.</summary>
internal static class KegAuthContextOptions
{
    /// <summary>The context's options.</summary>
    /// <exception cref="InvalidOperationException">UseKegAuth was not called on the context's options.</exception>
    public static KegAuthOptions Get(DbContext db)
    {
        var extension = db.GetService<IDbContextOptions>().FindExtension<KegAuthOptionsExtension>();
        return extension?.Options ?? throw new InvalidOperationException(
            $"The context '{db.GetType().Name}' was not configured with UseKegAuth, so it has no KegAuth clock or lockout settings; call UseKegAuth after the database provider.");
    }
}
