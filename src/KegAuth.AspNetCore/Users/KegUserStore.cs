using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Users;

/// <summary>
/// Per-request user lookups (by login id, session key, key) and principals. Scoped: it remembers the
/// user a scheme already loaded, so authorization does not query again.
/// </summary>
internal sealed class KegUserStore<TContext, TUser>(TContext db, IOptions<KegAuthOptions> options) : IKegCurrentUser<TUser>, IKegPrincipalUsers
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
{
    private TUser? _current;

    /// <summary>The request's context.</summary>
    public TContext Context => db;

    /// <inheritdoc/>
    public DbContext Db => db;

    /// <summary>The current UTC time by the options' clock.</summary>
    public DateTime UtcNow => options.Value.TimeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Remembers the user a scheme authenticated, for the rest of the request.</summary>
    public void Remember(TUser user) => _current = user;

    /// <inheritdoc/>
    public async Task<TUser?> GetAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var sessionKey = principal.FindFirst(KegClaimTypes.SessionKey)?.Value;
        if (string.IsNullOrEmpty(sessionKey))
        {
            return null;
        }

        if (_current is not null && _current.SessionKey == sessionKey)
        {
            return _current;
        }

        var user = await FindBySessionKeyAsync(sessionKey, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            _current = user;
        }

        return user;
    }

    /// <inheritdoc/>
    public async Task<IKegUser?> FindUserAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
        => await GetAsync(principal, cancellationToken).ConfigureAwait(false);

    /// <summary>The user whose session key is <paramref name="sessionKey"/>.</summary>
    public Task<TUser?> FindBySessionKeyAsync(string sessionKey, CancellationToken cancellationToken)
        => db.Set<TUser>().FirstOrDefaultAsync(user => user.SessionKey == sessionKey, cancellationToken);

    /// <summary>The user whose login id is <paramref name="loginId"/> (an email is matched case-insensitively by the model's converter).</summary>
    public Task<TUser?> FindByLoginIdAsync(string loginId, CancellationToken cancellationToken)
        => db.Set<TUser>().FirstOrDefaultAsync(LoginIdEquals(loginId), cancellationToken);

    /// <summary>The user whose primary key, as invariant text, is <paramref name="key"/>; <see langword="null"/> when it does not parse.</summary>
    public async Task<TUser?> FindByKeyAsync(string key, CancellationToken cancellationToken)
    {
        var keyType = KeyProperty().ClrType;
        object? value = keyType switch
        {
            _ when keyType == typeof(int) => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null,
            _ when keyType == typeof(long) => long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : null,
            _ when keyType == typeof(Guid) => Guid.TryParse(key, out var g) ? g : null,
            _ when keyType == typeof(string) => key,
            _ => null,
        };
        return value is null ? null : await db.Set<TUser>().FindAsync([value], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The user's primary key as invariant text.</summary>
    public string GetKey(TUser user)
    {
        var value = db.Entry(user).Property(KeyProperty().Name).CurrentValue;
        return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>A principal for <paramref name="user"/>: key, login id and session key.</summary>
    public ClaimsPrincipal CreatePrincipal(TUser user, string authenticationType)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(KegClaimTypes.UserKey, GetKey(user)),
                new Claim(KegClaimTypes.LoginId, user.LoginId),
                new Claim(KegClaimTypes.SessionKey, user.SessionKey),
            ],
            authenticationType,
            KegClaimTypes.LoginId,
            ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    private Microsoft.EntityFrameworkCore.Metadata.IProperty KeyProperty()
    {
        var key = db.Model.FindEntityType(typeof(TUser))?.FindPrimaryKey()
            ?? throw new InvalidOperationException($"The context '{typeof(TContext).Name}' does not map '{typeof(TUser).Name}' with a primary key; add it as a DbSet.");
        return key.Properties.Count == 1
            ? key.Properties[0]
            : throw new InvalidOperationException($"'{typeof(TUser).Name}' has a composite key; KegAuth needs a single key property.");
    }

    /// <summary><c>user =&gt; user.&lt;LoginIdPropertyName&gt; == loginId</c>, with the value as a query parameter.</summary>
    private static Expression<Func<TUser, bool>> LoginIdEquals(string loginId)
    {
        // A closure makes EF send the value as a parameter (and apply the email converter to it).
        Expression<Func<string>> value = () => loginId;
        var user = Expression.Parameter(typeof(TUser), "user");
        var property = Expression.Property(user, TUser.LoginIdPropertyName);
        return Expression.Lambda<Func<TUser, bool>>(Expression.Equal(property, value.Body), user);
    }
}
