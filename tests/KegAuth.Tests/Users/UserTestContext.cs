using KegAuth.Tests.EntityFrameworkCore.TestEntities;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Tests.Users;

/// <summary>Every generated user kind of the user tests, mapped by KegAuth alone.</summary>
public sealed class UserTestContext(DbContextOptions<UserTestContext> options) : DbContext(options)
{
    public DbSet<EfUser> Users => Set<EfUser>();

    public DbSet<EfEmailUser> EmailUsers => Set<EfEmailUser>();

    public DbSet<InteropUser> InteropUsers => Set<InteropUser>();

    public DbSet<GuidUser> GuidUsers => Set<GuidUser>();

    public DbSet<CodeUser> CodeUsers => Set<CodeUser>();
}
