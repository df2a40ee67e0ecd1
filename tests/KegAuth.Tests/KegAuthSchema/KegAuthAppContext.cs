using KegAuth.Tests.ApiTokens;
using KegAuth.Tests.Attempts;
using KegAuth.Tests.Permissions;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Tests.KegAuthSchema;

/// <summary>
/// The entities of keg-auth's own test app (keg_auth_ta), by DbSet name: <c>users</c> (the
/// registered user), <c>users_with_token</c> (email and API token), <c>permissions</c>,
/// <c>bundles</c>, <c>groups</c>, <c>attempts</c>. This assembly's registered user is a username
/// user, so the email user is the second table, as keg_auth_ta's UserWithToken is.
/// </summary>
public sealed class KegAuthAppContext(DbContextOptions<KegAuthAppContext> options) : DbContext(options)
{
    public DbSet<PermUser> Users => Set<PermUser>();

    public DbSet<TokenEmailUser> UsersWithToken => Set<TokenEmailUser>();

    public DbSet<Permission> Permissions => Set<Permission>();

    public DbSet<Bundle> Bundles => Set<Bundle>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<Attempt> Attempts => Set<Attempt>();
}
