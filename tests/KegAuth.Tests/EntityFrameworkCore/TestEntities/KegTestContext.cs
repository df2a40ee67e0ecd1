using Microsoft.EntityFrameworkCore;

namespace KegAuth.Tests.EntityFrameworkCore.TestEntities;

/// <summary>A context with both user kinds and no configuration of its own: KegAuth does the mapping.</summary>
public class KegTestContext : DbContext
{
    public KegTestContext(DbContextOptions<KegTestContext> options)
        : base(options)
    {
    }

    protected KegTestContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<EfUser> Users => Set<EfUser>();

    public DbSet<EfEmailUser> EmailUsers => Set<EfEmailUser>();
}
