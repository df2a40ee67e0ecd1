using Microsoft.EntityFrameworkCore;

namespace KegAuth.Tests.Permissions;

/// <summary>
/// The permission model with two many-to-many relationships the application maps itself, under its
/// own table and column names (UseKegAuth leaves an explicitly configured navigation alone): direct
/// grants in <c>app_grants</c> and group membership in <c>app_memberships</c>.
/// </summary>
public class AppMappedContext(DbContextOptions<AppMappedContext> options) : DbContext(options)
{
    public DbSet<PermUser> Users => Set<PermUser>();

    public DbSet<Permission> Permissions => Set<Permission>();

    public DbSet<Bundle> Bundles => Set<Bundle>();

    public DbSet<Group> Groups => Set<Group>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PermUser>().HasMany(u => u.Permissions).WithMany().UsingEntity("app_grants");
        modelBuilder.Entity<PermUser>().HasMany(u => u.Groups).WithMany(g => g.Users).UsingEntity(
            "app_memberships",
            join => join.HasOne(typeof(Group)).WithMany().HasForeignKey("team"),
            join => join.HasOne(typeof(PermUser)).WithMany().HasForeignKey("member"));
    }
}
