using Microsoft.EntityFrameworkCore;

namespace KegAuth.Tests.Attempts;

/// <summary>A generated attempt entity.</summary>
[KegAttempt]
public partial class Attempt
{
    public int Id { get; set; }
}

/// <summary>The attempts table, mapped by KegAuth alone.</summary>
public sealed class AttemptContext(DbContextOptions<AttemptContext> options) : DbContext(options)
{
    public DbSet<Attempt> Attempts => Set<Attempt>();
}
