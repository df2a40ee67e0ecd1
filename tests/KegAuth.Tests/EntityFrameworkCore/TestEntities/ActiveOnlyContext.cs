using Microsoft.EntityFrameworkCore;

namespace KegAuth.Tests.EntityFrameworkCore.TestEntities;

/// <summary>The same tables as <see cref="KegTestContext"/>, with query filters that hide inactive users.</summary>
public class ActiveOnlyContext(DbContextOptions<ActiveOnlyContext> options) : KegTestContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<EfUser>().HasQueryFilter(u => u.IsActive);
        modelBuilder.Entity<EfEmailUser>().HasQueryFilter(u => u.IsActive);
    }
}
