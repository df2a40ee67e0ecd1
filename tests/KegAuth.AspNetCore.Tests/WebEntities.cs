using Microsoft.EntityFrameworkCore;

namespace KegAuth.AspNetCore.Tests;

// The test app's model: an email user with API tokens, an authenticator app (TOTP), passkeys and the permission model, plus attempts.
[KegUser, KegUserEmail, KegUserToken, KegUserTotp, KegUserPasskeys]
public partial class WebUser
{
    public int Id { get; set; }
}

[KegPermission]
public partial class WebPermission
{
    public int Id { get; set; }
}

[KegBundle]
public partial class WebBundle
{
    public int Id { get; set; }
}

[KegGroup]
public partial class WebGroup
{
    public int Id { get; set; }
}

[KegAttempt]
public partial class WebAttempt
{
    public int Id { get; set; }
}

public sealed class WebContext(DbContextOptions<WebContext> options) : DbContext(options)
{
    public DbSet<WebUser> Users => Set<WebUser>();

    public DbSet<WebPermission> Permissions => Set<WebPermission>();

    public DbSet<WebBundle> Bundles => Set<WebBundle>();

    public DbSet<WebGroup> Groups => Set<WebGroup>();

    public DbSet<WebAttempt> Attempts => Set<WebAttempt>();
}
