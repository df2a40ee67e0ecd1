using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Sample.Web;

// KegAuth generates the columns and behaviour of each class from its attribute. [KegUserTotp] adds the
// authenticator app: users turn it on at /auth/authenticator by scanning the QR code. [KegUserPasskeys]
// adds passkeys: users add them at /auth/passkeys.
[KegUser, KegUserToken, KegUserTotp, KegUserPasskeys]
public partial class User
{
    public int Id { get; set; }
}

[KegPermission]
public partial class Permission
{
    public int Id { get; set; }
}

[KegBundle]
public partial class Bundle
{
    public int Id { get; set; }
}

[KegGroup]
public partial class Group
{
    public int Id { get; set; }
}

[KegAttempt]
public partial class Attempt
{
    public int Id { get; set; }
}

/// <summary>
/// The sample's context. It also holds ASP.NET Core's Data Protection keys (which encrypt the cookies),
/// so that every node on one PostgreSQL database reads the others' cookies (docs/scaling.md).
/// </summary>
public sealed class SampleDb(DbContextOptions<SampleDb> options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Permission> Permissions => Set<Permission>();

    public DbSet<Bundle> Bundles => Set<Bundle>();

    public DbSet<Group> Groups => Set<Group>();

    public DbSet<Attempt> Attempts => Set<Attempt>();
}
