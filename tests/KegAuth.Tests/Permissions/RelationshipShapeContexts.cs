using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KegAuth.Tests.Permissions;

/// <summary>The permission model's four sets, for the contexts below that each map some relationships another way.</summary>
public abstract class PermissionSetsContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<PermUser> Users => Set<PermUser>();

    public DbSet<Permission> Permissions => Set<Permission>();

    public DbSet<Bundle> Bundles => Set<Bundle>();

    public DbSet<Group> Groups => Set<Group>();

    /// <summary>Maps <paramref name="relationship"/> through <paramref name="table"/>, its permission column pointing at <see cref="Permission.Token"/>.</summary>
    protected static void ByToken(CollectionCollectionBuilder relationship, string table, Type holder, string holderColumn)
        => relationship.UsingEntity(
            table,
            join => join.HasOne(typeof(Permission)).WithMany().HasForeignKey("token").HasPrincipalKey(nameof(Permission.Token)),
            join => join.HasOne(holder).WithMany().HasForeignKey(holderColumn));
}

/// <summary>Every permission table points at the permission's token (an alternate key) instead of its id: allowed, the permission ends every route.</summary>
public class TokenGrantsContext(DbContextOptions<TokenGrantsContext> options) : PermissionSetsContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ByToken(modelBuilder.Entity<PermUser>().HasMany(u => u.Permissions).WithMany(), "user_token_grants", typeof(PermUser), "user_id");
        ByToken(modelBuilder.Entity<Bundle>().HasMany(b => b.Permissions).WithMany(), "bundle_token_grants", typeof(Bundle), "bundle_id");
        ByToken(modelBuilder.Entity<Group>().HasMany(g => g.Permissions).WithMany(), "group_token_grants", typeof(Group), "group_id");
    }
}

/// <summary>Direct grants by token, the bundles' and groups' by id (KegAuth's tables): two permission keys.</summary>
public class MixedPermissionKeysContext(DbContextOptions<MixedPermissionKeysContext> options) : PermissionSetsContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => ByToken(modelBuilder.Entity<PermUser>().HasMany(u => u.Permissions).WithMany(), "user_token_grants", typeof(PermUser), "user_id");
}

/// <summary>
/// Relationships through keys other than primary keys: bundle membership points at the bundle's name,
/// group membership at the user's name. KegAuth follows keys from table to table, so it refuses both.
/// </summary>
public class AlternateKeyMembershipContext(DbContextOptions<AlternateKeyMembershipContext> options) : PermissionSetsContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PermUser>().HasMany(u => u.Bundles).WithMany(b => b.Users).UsingEntity(
            "bundles_by_name",
            join => join.HasOne(typeof(Bundle)).WithMany().HasForeignKey("bundle_name").HasPrincipalKey(nameof(Bundle.Name)),
            join => join.HasOne(typeof(PermUser)).WithMany().HasForeignKey("user_id"));
        modelBuilder.Entity<PermUser>().HasMany(u => u.Groups).WithMany(g => g.Users).UsingEntity(
            "groups_by_username",
            join => join.HasOne(typeof(Group)).WithMany().HasForeignKey("group_id"),
            join => join.HasOne(typeof(PermUser)).WithMany().HasForeignKey("username").HasPrincipalKey(nameof(PermUser.Username)));
    }
}

/// <summary>
/// A permission keyed by id and token together: the permission tables get two columns each, which KegAuth
/// refuses. The users' table also carries a note of its own, a column that grants nothing.
/// </summary>
public class CompositePermissionKeyContext(DbContextOptions<CompositePermissionKeyContext> options) : PermissionSetsContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Permission>().HasKey(p => new { p.Id, p.Token });
        modelBuilder.Entity<PermUser>().HasMany(u => u.Permissions).WithMany().UsingEntity("composite_user_grants", join => join.Property<string>("note").IsRequired(false));
        modelBuilder.Entity<Bundle>().HasMany(b => b.Permissions).WithMany().UsingEntity("composite_bundle_grants");
        modelBuilder.Entity<Group>().HasMany(g => g.Permissions).WithMany().UsingEntity("composite_group_grants");
    }
}

/// <summary>Users, bundles and groups without the permission class: the permissions collections are left unmapped.</summary>
public class UnmappedPermissionsContext(DbContextOptions<UnmappedPermissionsContext> options) : DbContext(options)
{
    public DbSet<PermUser> Users => Set<PermUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Ignore<Permission>();
}

/// <summary>A membership row with a class of its own (not a property bag), as applications often map a join with extra columns.</summary>
public class TeamMembership
{
    public int MemberId { get; set; }

    public int TeamId { get; set; }

    /// <summary>A column of the application's; changing it changes nobody's rights.</summary>
    public string? Note { get; set; }
}

/// <summary>Group membership through <see cref="TeamMembership"/>; the other tables are KegAuth's.</summary>
public class ClrJoinContext(DbContextOptions<ClrJoinContext> options) : PermissionSetsContext(options)
{
    public DbSet<TeamMembership> Memberships => Set<TeamMembership>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
        => modelBuilder.Entity<PermUser>().HasMany(u => u.Groups).WithMany(g => g.Users).UsingEntity<TeamMembership>(
            join => join.HasOne<Group>().WithMany().HasForeignKey(m => m.TeamId),
            join => join.HasOne<PermUser>().WithMany().HasForeignKey(m => m.MemberId));
}
