using Microsoft.EntityFrameworkCore;

namespace KegAuth.Tests.Permissions;

/// <summary>
/// The permission model with query filters on every entity: a user, bundle or group named
/// "hidden…" and a permission "retired…" are filtered out, as a soft-delete filter would.
/// </summary>
public class FilteredPermissionContext(DbContextOptions<FilteredPermissionContext> options) : DbContext(options)
{
    public DbSet<PermUser> Users => Set<PermUser>();

    public DbSet<Permission> Permissions => Set<Permission>();

    public DbSet<Bundle> Bundles => Set<Bundle>();

    public DbSet<Group> Groups => Set<Group>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PermUser>().HasQueryFilter(user => !user.Username.StartsWith("hidden"));
        modelBuilder.Entity<Permission>().HasQueryFilter(permission => !permission.Token.StartsWith("retired"));
        modelBuilder.Entity<Bundle>().HasQueryFilter(bundle => !bundle.Name.StartsWith("hidden"));
        modelBuilder.Entity<Group>().HasQueryFilter(group => !group.Name.StartsWith("hidden"));
    }
}
