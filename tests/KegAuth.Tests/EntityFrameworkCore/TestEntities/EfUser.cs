using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Linq.Expressions;

namespace KegAuth.Tests.EntityFrameworkCore.TestEntities;

// Hand-written to mirror what the generator emits for a [KegUser] class, until the generator lands;
// then replace with `[KegUser] public partial class EfUser { public int Id { get; set; } }`.
public class EfUser : IKegUser<EfUser>
{
    public int Id { get; set; }

    public bool IsEnabled { get; set; } = true;

    public bool IsSuperuser { get; set; }

    public PasswordHash? Password { get; set; }

    [MaxLength(512)]
    public string Username { get; set; } = string.Empty;

    [MaxLength(36)]
    public string SessionKey { get; set; } = Guid.NewGuid().ToString();

    public DateTime? LastLoginUtc { get; set; }

    public DateTime? DisabledUtc { get; set; }

    [NotMapped]
    public bool IsDisabledByDate => DisabledUtc <= DateTime.UtcNow;

    [NotMapped]
    public bool IsActive => IsActiveAt(DateTime.UtcNow);

    [NotMapped]
    public string LoginId => Username;

    static string IKegUser<EfUser>.LoginIdPropertyName => nameof(Username);

    static Expression<Func<EfUser, DateTime, bool>> IKegUser<EfUser>.IsActiveExpression { get; } =
        (u, now) => !(u.DisabledUtc <= now) && u.IsEnabled;

    static Expression<Func<EfUser, DateTime, bool>> IKegUser<EfUser>.IsDisabledByDateExpression { get; } =
        (u, now) => u.DisabledUtc <= now;

    public bool IsActiveAt(DateTime utcNow) => !(DisabledUtc <= utcNow) && IsEnabled;

    public void ResetSessionKey() => SessionKey = Guid.NewGuid().ToString();
}
