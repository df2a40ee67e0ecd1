using KegAuth.Tests.ApiTokens;
using KegAuth.Tests.Attempts;
using KegAuth.Tests.Permissions;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Tests.SqlServer;

/// <summary>Every Keg entity kind in one context: the registered user, an email user with a token, permissions, bundles, groups, attempts.</summary>
public sealed class AllKindsContext(DbContextOptions<AllKindsContext> options) : DbContext(options)
{
    public DbSet<PermUser> Users => Set<PermUser>();

    public DbSet<TokenEmailUser> UsersWithToken => Set<TokenEmailUser>();

    public DbSet<Permission> Permissions => Set<Permission>();

    public DbSet<Bundle> Bundles => Set<Bundle>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<Attempt> Attempts => Set<Attempt>();
}
