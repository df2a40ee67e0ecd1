using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using KegAuth.Tests.Permissions;
using KegAuth.Tests.Users;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Tests.EntityRegistry;

/// <summary>
/// A permission class written by hand, standing in for a <c>[KegPermission]</c> class of another
/// assembly: the analyzers allow one per assembly, so only a model can hold two.
/// </summary>
public class ForeignPermission : IKegPermission
{
    public int Id { get; set; }

    public string Token { get; set; } = string.Empty;

    public string? Description { get; set; }
}

/// <summary>A subclass of the registered user, mapped in one hierarchy with it.</summary>
public class StaffPermUser : PermUser
{
    public string? Desk { get; set; }
}

/// <summary>Two permission classes in one model.</summary>
public class TwoPermissionsContext(DbContextOptions<TwoPermissionsContext> options) : DbContext(options)
{
    public DbSet<PermUser> Users => Set<PermUser>();

    public DbSet<Permission> Permissions => Set<Permission>();

    public DbSet<ForeignPermission> ForeignPermissions => Set<ForeignPermission>();
}

/// <summary>The registered user beside two that are not, and a subclass of the registered one.</summary>
public class ManyUsersContext(DbContextOptions<ManyUsersContext> options) : DbContext(options)
{
    public DbSet<EfUser> EfUsers => Set<EfUser>();

    public DbSet<GuidUser> GuidUsers => Set<GuidUser>();

    public DbSet<PermUser> Users => Set<PermUser>();

    public DbSet<StaffPermUser> Staff => Set<StaffPermUser>();

    public DbSet<Permission> Permissions => Set<Permission>();
}

/// <summary>Two users, neither of them registered, and a permission class.</summary>
public class UnregisteredUsersContext(DbContextOptions<UnregisteredUsersContext> options) : DbContext(options)
{
    public DbSet<EfUser> EfUsers => Set<EfUser>();

    public DbSet<GuidUser> GuidUsers => Set<GuidUser>();

    public DbSet<Permission> Permissions => Set<Permission>();
}
