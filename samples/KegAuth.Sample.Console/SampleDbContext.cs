using Microsoft.EntityFrameworkCore;

namespace KegAuth.Sample.Console;

/// <summary>The sample's database: one users table on a SQLite file.</summary>
public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : DbContext(options)
{
    /// <summary>The users.</summary>
    public DbSet<User> Users => Set<User>();
}
