using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Linq.Expressions;

namespace KegAuth.Tests.EntityFrameworkCore.TestEntities;

// Hand-written to mirror what the generator emits for a [KegUser, KegUserEmail] class, until the
// generator lands.
public class EfEmailUser : IKegUser<EfEmailUser>, IKegUserEmail
{
    private string _email = string.Empty;

    public int Id { get; set; }

    public bool IsEnabled { get; set; } = true;

    public bool IsSuperuser { get; set; }

    public PasswordHash? Password { get; set; }

    [MaxLength(512)]
    public string Email { get => _email; set => _email = value.ToLowerInvariant(); }

    public bool IsVerified { get; set; }

    [MaxLength(36)]
    public string SessionKey { get; set; } = Guid.NewGuid().ToString();

    public DateTime? LastLoginUtc { get; set; }

    public DateTime? DisabledUtc { get; set; }

    [NotMapped]
    public bool IsDisabledByDate => DisabledUtc <= DateTime.UtcNow;

    [NotMapped]
    public bool IsActive => IsActiveAt(DateTime.UtcNow);

    [NotMapped]
    public string LoginId => Email;

    static string IKegUser<EfEmailUser>.LoginIdPropertyName => nameof(Email);

    static Expression<Func<EfEmailUser, DateTime, bool>> IKegUser<EfEmailUser>.IsActiveExpression { get; } =
        (u, now) => !(u.DisabledUtc <= now) && u.IsEnabled && u.IsVerified;

    static Expression<Func<EfEmailUser, DateTime, bool>> IKegUser<EfEmailUser>.IsDisabledByDateExpression { get; } =
        (u, now) => u.DisabledUtc <= now;

    public bool IsActiveAt(DateTime utcNow) => !(DisabledUtc <= utcNow) && IsEnabled && IsVerified;

    public void ResetSessionKey() => SessionKey = Guid.NewGuid().ToString();
}
