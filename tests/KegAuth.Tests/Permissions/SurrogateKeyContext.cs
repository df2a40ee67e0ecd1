using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KegAuth.Tests.Permissions;

/// <summary>
/// The permission model with three many-to-many tables the application maps itself as tables with
/// their own <c>id</c> and optional (nullable) key columns: direct grants, group membership and bundle
/// grants. Their columns are <c>int?</c> where the keys are <c>int</c>, so every route converts between
/// the two. The others are KegAuth's. Groups named "hidden…" are filtered out.
/// </summary>
public class SurrogateKeyContext(DbContextOptions<SurrogateKeyContext> options) : DbContext(options)
{
    public DbSet<PermUser> Users => Set<PermUser>();

    public DbSet<Permission> Permissions => Set<Permission>();

    public DbSet<Bundle> Bundles => Set<Bundle>();

    public DbSet<Group> Groups => Set<Group>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        Rows(modelBuilder.Entity<PermUser>().HasMany(u => u.Permissions).WithMany(), "user_grants", typeof(Permission), "grant", typeof(PermUser), "holder");
        Rows(modelBuilder.Entity<PermUser>().HasMany(u => u.Groups).WithMany(g => g.Users), "team_members", typeof(Group), "team", typeof(PermUser), "member");
        Rows(modelBuilder.Entity<Bundle>().HasMany(b => b.Permissions).WithMany(), "bundle_grants", typeof(Permission), "grant", typeof(Bundle), "bundle");
        modelBuilder.Entity<Group>().HasQueryFilter(group => !group.Name.StartsWith("hidden"));
    }

    private static void Rows(CollectionCollectionBuilder relationship, string table, Type right, string rightColumn, Type left, string leftColumn)
        => relationship.UsingEntity(
            table,
            join => join.HasOne(right).WithMany().HasForeignKey(rightColumn).IsRequired(false).OnDelete(DeleteBehavior.Cascade),
            join => join.HasOne(left).WithMany().HasForeignKey(leftColumn).IsRequired(false).OnDelete(DeleteBehavior.Cascade),
            join =>
            {
                join.Property<int>("id");
                join.HasKey("id");
            });
}
