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
/// <remarks>
/// The schemes read the user untracked (<see cref="KegUserQueries{TContext, TUser}"/>) and hand it over
/// with <see cref="Remember"/>; KegAuth's own authorization reads that instance as it is
/// (<see cref="FindUserAsync"/>). Only when the app asks for the user (<see cref="GetAsync"/>) is it
/// attached to the request's context, so it is tracked as <see cref="IKegCurrentUser{TUser}"/>
/// promises without a second query.
/// </remarks>
internal sealed class KegUserStore<TContext, TUser>(TContext db, IOptions<KegAuthOptions> options) : IKegCurrentUser<TUser>, IKegPrincipalUsers
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
{
    /// <summary>The user a scheme authenticated this request, as read (untracked until <see cref="GetAsync"/> attaches it).</summary>
    private TUser? _authenticated;

    /// <summary>The tracked user <see cref="GetAsync"/> answered with.</summary>
    private TUser? _current;

    /// <summary>
    /// The user a scheme authenticated from the node's session cache: one instance shared by concurrent
    /// requests, so it is only read (by authorization), never attached or handed to the app.
    /// </summary>
    private TUser? _shared;

    /// <summary>The request's context.</summary>
    public TContext Context => db;

    /// <inheritdoc/>
    public DbContext Db => db;

    /// <summary>The current UTC time by the options' clock.</summary>
    public DateTime UtcNow => options.Value.TimeProvider.GetUtcNow().UtcDateTime;

    /// <summary>Remembers the user a scheme authenticated (tracked or not), for the rest of the request.</summary>
    public void Remember(TUser user) => _authenticated = user;

    /// <summary>Remembers a user shared with the node's session cache, for authorization to read; the app's <see cref="GetAsync"/> queries its own.</summary>
    public void RememberShared(TUser user) => _shared = user;

    /// <inheritdoc/>
    public async Task<TUser?> GetAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var sessionKey = SessionKeyOf(principal);
        if (string.IsNullOrEmpty(sessionKey))
        {
            return null;
        }

        if (_current is not null && _current.SessionKey == sessionKey)
        {
            return _current;
        }

        if (_authenticated is not null && _authenticated.SessionKey == sessionKey && TryAttach(_authenticated))
        {
            return _current = _authenticated;
        }

        var user = await db.Set<TUser>().FirstOrDefaultAsync(user => user.SessionKey == sessionKey, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            _current = user;
        }

        return user;
    }

    /// <inheritdoc/>
    public async Task<IKegUser?> FindUserAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var sessionKey = SessionKeyOf(principal);
        if (!string.IsNullOrEmpty(sessionKey))
        {
            // Authorization only reads the user: the instance the scheme checked this request will do, tracked or not.
            if (_current is not null && _current.SessionKey == sessionKey)
            {
                return _current;
            }

            if (_authenticated is not null && _authenticated.SessionKey == sessionKey)
            {
                return _authenticated;
            }

            if (_shared is not null && _shared.SessionKey == sessionKey)
            {
                return _shared;
            }
        }

        return await GetAsync(principal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The user whose session key is <paramref name="sessionKey"/>, untracked: the cookie session's
    /// check on every request. One compiled single-row query.
    /// </summary>
    public Task<TUser?> FindSessionAsync(string sessionKey, CancellationToken cancellationToken)
        => KegUserQueries<TContext, TUser>.For(db).BySessionKey(db, sessionKey, cancellationToken);

    /// <summary>The user whose login id is <paramref name="loginId"/>, untracked: the API token's lookup on every request. One compiled single-row query.</summary>
    public Task<TUser?> FindUntrackedByLoginIdAsync(string loginId, CancellationToken cancellationToken)
        => KegUserQueries<TContext, TUser>.For(db).ByLoginId(db, loginId, cancellationToken);

    /// <summary>
    /// The session key of the principal's KegAuth identity. Only identities KegAuth's own schemes issued
    /// are trusted: another scheme of the app (a JWT bearer, say) must not be able to name a session key.
    /// </summary>
    public static string? SessionKeyOf(ClaimsPrincipal principal)
    {
        foreach (var identity in principal.Identities)
        {
            if (identity.IsAuthenticated && identity.AuthenticationType is KegAuthSchemes.Cookie or KegAuthSchemes.ApiToken)
            {
                return identity.FindFirst(KegClaimTypes.SessionKey)?.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// The user a typed login id names, and the key its attempts are counted under: the user's stored
    /// login id, or, when no user matches, the input as the login-id column would store it (an email
    /// lowercased), so that every case variant of one login id shares one count. Input that no user can
    /// have (empty, longer than the column, or holding a NUL, which PostgreSQL cannot even compare) is
    /// not looked up.
    /// </summary>
    public async Task<(TUser? User, string AttemptKey)> ResolveLoginIdAsync(string? loginId, CancellationToken cancellationToken)
    {
        loginId ??= string.Empty;
        var property = LoginIdProperty();
        var normalized = property.GetValueConverter() is { ModelClrType: var model, ProviderClrType: var provider } converter
                         && model == typeof(string) && provider == typeof(string) && !loginId.Contains('\0', StringComparison.Ordinal)
            ? (string?)converter.ConvertToProvider(loginId) ?? loginId
            : loginId;
        var plausible = loginId.Length > 0
                        && loginId.Length <= (property.GetMaxLength() ?? KegAttempts.MaxUserInputLength)
                        && !loginId.Contains('\0', StringComparison.Ordinal);
        var user = plausible ? await FindByLoginIdAsync(loginId, cancellationToken).ConfigureAwait(false) : null;
        return (user, user?.LoginId ?? normalized);
    }

    /// <summary>
    /// The user a key from a reset or verification link names, and the key its attempts are counted
    /// under: the user's login id, or the key in its canonical form (<c>"02"</c> and <c>"2"</c> count as
    /// one), so an unknown key is counted consistently and its lockout does not tell whether it exists.
    /// </summary>
    public async Task<(TUser? User, string AttemptKey)> ResolveKeyAsync(string? key, CancellationToken cancellationToken)
    {
        var value = ParseKey(key ?? string.Empty);
        var user = value is null ? null : await db.Set<TUser>().FindAsync([value], cancellationToken).ConfigureAwait(false);
        var canonical = value is null ? key ?? string.Empty : Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
        return (user, user?.LoginId ?? canonical);
    }

    /// <summary>
    /// Whether a user's login id equals <paramref name="loginId"/> ignoring case: a username that differs
    /// from another only in case (<c>Admin</c> beside <c>admin</c>) would let one user pass for another.
    /// A scan, not an index lookup: for registration, not sign-in.
    /// </summary>
    public Task<bool> IsLoginIdTakenIgnoringCaseAsync(string loginId, CancellationToken cancellationToken)
    {
        var lowered = loginId.ToLowerInvariant();
        var name = TUser.LoginIdPropertyName;
        return db.Set<TUser>().AnyAsync(user => EF.Property<string>(user, name).ToLower() == lowered, cancellationToken);
    }

    /// <summary><c>user =&gt; user.&lt;key&gt; == key of <paramref name="user"/></c>, for set-based updates of one user.</summary>
    public Expression<Func<TUser, bool>> KeyEquals(TUser user)
    {
        var name = KeyProperty().Name;
        var parameter = Expression.Parameter(typeof(TUser), "user");
        var value = db.Entry(user).Property(name).CurrentValue;

        // Through a closure, so EF sends the key as a parameter.
        var holder = new KeyHolder(value);
        var constant = Expression.Convert(Expression.Field(Expression.Constant(holder), nameof(KeyHolder.Value)), KeyProperty().ClrType);
        return Expression.Lambda<Func<TUser, bool>>(Expression.Equal(Expression.Property(parameter, name), constant), parameter);
    }

    /// <summary>The user whose login id is <paramref name="loginId"/> (an email is matched case-insensitively by the model's converter).</summary>
    public Task<TUser?> FindByLoginIdAsync(string loginId, CancellationToken cancellationToken)
        => db.Set<TUser>().FirstOrDefaultAsync(TUser.LoginIdEquals(loginId), cancellationToken);

    /// <summary>The user whose primary key, as invariant text, is <paramref name="key"/>; <see langword="null"/> when it does not parse.</summary>
    public async Task<TUser?> FindByKeyAsync(string key, CancellationToken cancellationToken)
        => (await ResolveKeyAsync(key, cancellationToken).ConfigureAwait(false)).User;

    /// <inheritdoc/>
    public Type UserType => typeof(TUser);

    /// <inheritdoc/>
    public string KeyOf(IKegUser user)
    {
        // Read from the property, so an untracked user does not get a change-tracker entry for it.
        var property = KeyProperty();
        var value = property.PropertyInfo is { } info && user is TUser
            ? info.GetValue(user)
            : db.Entry(user).Property(property.Name).CurrentValue;
        return Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty;
    }

    /// <summary>The user's primary key as invariant text.</summary>
    public string GetKey(TUser user) => KeyOf(user);

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

    /// <summary>A primary key parsed from invariant text; <see langword="null"/> when it does not parse or cannot be a key.</summary>
    private object? ParseKey(string key)
    {
        if (key.Length == 0 || key.Length > KegAttempts.MaxUserInputLength || key.Contains('\0', StringComparison.Ordinal))
        {
            return null;
        }

        // The generated user parses its own key; a model that maps another key property than the one
        // the generator found gets no match rather than a lookup with a value of the wrong type.
        var value = TUser.ParseKey(key);
        return value is not null && value.GetType() == KeyProperty().ClrType ? value : null;
    }

    private Microsoft.EntityFrameworkCore.Metadata.IProperty LoginIdProperty()
        => db.Model.FindEntityType(typeof(TUser))?.FindProperty(TUser.LoginIdPropertyName)
           ?? throw new InvalidOperationException($"The context '{typeof(TContext).Name}' does not map '{typeof(TUser).Name}.{TUser.LoginIdPropertyName}'; add the user as a DbSet.");

    private Microsoft.EntityFrameworkCore.Metadata.IProperty KeyProperty()
    {
        var key = db.Model.FindEntityType(typeof(TUser))?.FindPrimaryKey()
            ?? throw new InvalidOperationException($"The context '{typeof(TContext).Name}' does not map '{typeof(TUser).Name}' with a primary key; add it as a DbSet.");
        return key.Properties.Count == 1
            ? key.Properties[0]
            : throw new InvalidOperationException($"'{typeof(TUser).Name}' has a composite key; KegAuth needs a single key property.");
    }

    /// <summary>
    /// Tracks a user read untracked as if a tracking query had read it, unless the context already
    /// tracks an instance with its key (then a query answers, as it would have).
    /// </summary>
    private bool TryAttach(TUser user)
    {
        var entry = db.Entry(user);
        if (entry.State != EntityState.Detached)
        {
            return true;
        }

        var key = entry.Property(KeyProperty().Name).CurrentValue;
        if (db.Set<TUser>().Local.FindEntryUntyped([key]) is not null)
        {
            return false;
        }

        entry.State = EntityState.Unchanged;
        return true;
    }

    /// <summary>Holds a key value so that an expression reads it as a parameter, not a constant.</summary>
    private sealed class KeyHolder(object? value)
    {
        public readonly object? Value = value;
    }
}
