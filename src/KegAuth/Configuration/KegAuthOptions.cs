namespace KegAuth;

/// <summary>
/// Settings shared by every KegAuth feature: the signing secret, reset-token lifetime, bcrypt cost
/// for new passwords, legacy-token acceptance, the mapping-table prefix and the clock.
/// </summary>
public sealed class KegAuthOptions
{
    /// <summary>The default <see cref="TokenLifetime"/>: 240 minutes, keg-auth's <c>KEGAUTH_TOKEN_EXPIRE_MINS</c>.</summary>
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromMinutes(240);

    /// <summary>The default <see cref="PasswordWorkFactor"/>: bcrypt cost 12.</summary>
    public const int DefaultPasswordWorkFactor = 12;

    /// <summary>The default <see cref="TableNamespace"/>: <c>"keg_auth"</c>.</summary>
    public const string DefaultTableNamespace = "keg_auth";

    /// <summary>The shortest <see cref="SecretKey"/> accepted without <see cref="AllowShortSecretKey"/>: 32 characters.</summary>
    public const int MinSecretKeyLength = 32;

    /// <summary>The largest <see cref="PasswordWorkFactor"/> accepted: bcrypt cost 16.</summary>
    /// <remarks>
    /// Each step doubles the work: cost 12 takes a quarter to two thirds of a second of one core, so
    /// 16 already takes seconds. A login that costs more ties up a server core per attempt and lets
    /// a few requests exhaust it. Stored hashes above this cost are not verified either (see <see cref="PasswordHash.Verify"/>).
    /// </remarks>
    public const int MaxPasswordWorkFactor = 16;

    /// <summary>The longest <see cref="TokenLifetime"/> accepted: 7 days.</summary>
    /// <remarks>
    /// A reset token is a bearer credential sent by email: it stays in mailboxes, archives and logs.
    /// keg-auth's default is 4 hours; a week covers any real "reset link" flow.
    /// </remarks>
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromDays(7);

    /// <summary>The longest counting window or lockout period a <see cref="KegLockoutPolicy"/> may have: 7 days.</summary>
    /// <remarks>
    /// Longer windows make every count scan weeks of attempt rows, and a lockout of months lets a few
    /// wrong guesses by anyone shut a user out for that long; values near <see cref="TimeSpan.MaxValue"/>
    /// would overflow the date arithmetic.
    /// </remarks>
    public static readonly TimeSpan MaxLockoutDuration = TimeSpan.FromDays(7);

    /// <summary>
    /// The application secret (keg-auth <c>SECRET_KEY</c>) mixed into every reset-token signing key.
    /// Required, and at least <see cref="MinSecretKeyLength"/> characters unless
    /// <see cref="AllowShortSecretKey"/> is set: it is the only secret in a reset token's signing
    /// key, so a short one can be guessed offline from any reset token the attacker asks for
    /// themselves, and then tokens for any user can be forged. Make one with
    /// <c>openssl rand -base64 48</c> or <c>Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))</c>.
    /// Never logged.
    /// </summary>
    public string SecretKey { get; set; } = string.Empty;

    /// <summary>
    /// Accept a non-empty <see cref="SecretKey"/> shorter than <see cref="MinSecretKeyLength"/>
    /// characters. Default <see langword="false"/>. Only for an app moving from Python keg-auth that
    /// must keep its existing <c>SECRET_KEY</c> (so that reset tokens stay valid across the move):
    /// such a key can be guessed offline from one reset token. <c>AddKegAuth</c> logs a warning at
    /// start-up while it is used; replace the key as soon as the move allows.
    /// </summary>
    public bool AllowShortSecretKey { get; set; }

    /// <summary>
    /// How long a password-reset token stays valid. Positive and at most
    /// <see cref="MaxTokenLifetime"/> (7 days). Default 240 minutes.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = DefaultTokenLifetime;

    /// <summary>
    /// The bcrypt cost for new password hashes, from 4 to <see cref="MaxPasswordWorkFactor"/> (16).
    /// Default 12.
    /// </summary>
    public int PasswordWorkFactor { get; set; } = DefaultPasswordWorkFactor;

    /// <summary>
    /// Refuse new passwords longer than bcrypt's 72 UTF-8 bytes in <c>SetPassword</c> and
    /// <c>ChangePassword</c> (an <see cref="ArgumentException"/> naming the limit). Default
    /// <see langword="false"/>: as in keg-auth and passlib, bcrypt reads only the first 72 bytes, so
    /// longer passwords that share them verify against each other's hashes. Existing hashes are
    /// unaffected either way.
    /// </summary>
    public bool RejectPasswordsOverBcryptLimit { get; set; }

    /// <summary>
    /// Accept reset tokens in the itsdangerous-era layout (SHA-1 derived key, <c>iat</c>/<c>exp</c> in
    /// the header) that older keg-auth versions issued. Default <see langword="false"/>.
    /// </summary>
    public bool AllowLegacyTokens { get; set; }

    /// <summary>
    /// The prefix of the permission mapping tables (<c>keg_auth_user_permissions</c>, ...). Null or
    /// empty gives the bare names (<c>user_permissions</c>, ...). Default <c>"keg_auth"</c>.
    /// </summary>
    public string? TableNamespace { get; set; } = DefaultTableNamespace;

    /// <summary>
    /// How tables and columns are named. <see cref="KegSchemaNaming.KegAuth"/> maps the whole context
    /// onto the schema a Python keg-auth app's SQLAlchemy models created: snake_case names (a DbSet
    /// <c>Users</c> is the table <c>users</c>, <c>LastLoginUtc</c> the column <c>last_login_utc</c>),
    /// password and token hashes as the bytes keg-auth stores on SQLite and PostgreSQL, SQLAlchemy's
    /// <c>yyyy-MM-dd HH:mm:ss.ffffff</c> timestamps on SQLite and <c>timestamp without time zone</c>
    /// on PostgreSQL. On PostgreSQL the attempt type is keg-auth's native enum: also call
    /// <c>UseNpgsql(connectionString, o =&gt; o.MapEnum&lt;AttemptType&gt;("ka_attempt_types"))</c>.
    /// Default <see cref="KegSchemaNaming.EntityFramework"/>.
    /// </summary>
    public KegSchemaNaming SchemaNaming { get; set; } = KegSchemaNaming.EntityFramework;

    /// <summary>The clock for token issue and expiry, <c>IsActive</c> in queries, and attempts. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Attempt limits and lockout periods per attempt type, for <see cref="KegAttempts"/>. keg-auth
    /// defaults: 15 attempts in 600 s lock out for 3600 s. Each window and lockout period is at most
    /// <see cref="MaxLockoutDuration"/> (7 days).
    /// </summary>
    public KegLockoutOptions Lockout { get; set; } = new();

    /// <summary>
    /// The built-in password rules that <see cref="IKegPasswordPolicy"/> applies wherever a person
    /// sets a password: keg-auth's <c>PasswordPolicy</c> (8 characters, 3 of 4 kinds of character,
    /// not the login id) plus bcrypt's 72-byte maximum and the shipped common-password list. Checked
    /// at start-up with the other settings.
    /// </summary>
    public KegPasswordPolicyOptions PasswordPolicy { get; set; } = new();

    /// <summary>
    /// How <c>[KegUserTotp]</c> users' authenticator secrets are encrypted in the database. Default
    /// <see langword="null"/>: AES-GCM keyed from <see cref="SecretKey"/> (<see cref="KegTotpSecretProtector"/>).
    /// </summary>
    public IKegTotpSecretProtector? TotpSecretProtector { get; set; }

    /// <summary>The protector in use: <see cref="TotpSecretProtector"/>, or the default for the current <see cref="SecretKey"/>.</summary>
    internal IKegTotpSecretProtector TotpProtector
    {
        get
        {
            if (TotpSecretProtector is { } custom)
            {
                return custom;
            }

            // Built once per secret key (the derivation is not free); a changed key gets a new one.
            var cached = _defaultTotpProtector;
            if (cached is null || !string.Equals(cached.Value.Key, SecretKey, StringComparison.Ordinal))
            {
                cached = new(SecretKey, new KegTotpSecretProtector(SecretKey));
                _defaultTotpProtector = cached;
            }

            return cached.Value.Value;
        }
    }

    private KeyValuePair<string, KegTotpSecretProtector>? _defaultTotpProtector;

    /// <summary>The current UTC time from <see cref="TimeProvider"/>, as a <see cref="DateTimeKind.Utc"/> value.</summary>
    internal DateTime UtcNow => TimeProvider.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Where the context-level work (session-key resets, permission reads) records its metrics: the
    /// host's, set by AddKegAuth, or the shared meter for options built by hand.
    /// </summary>
    internal Telemetry.KegAuthMetrics Metrics { get; set; } = Telemetry.KegAuthMetrics.Shared;

    /// <summary>The saves through these options that wrote users, which the session cache of the app holding them follows.</summary>
    internal EntityFrameworkCore.KegUserWrites UserWrites { get; } = new();

    /// <summary>
    /// Checks every setting and throws <see cref="KegAuthOptionsException"/> naming each one that is
    /// wrong. Called by <c>AddKegAuth</c> at start-up and by <c>UseKegAuth</c>.
    /// </summary>
    /// <exception cref="KegAuthOptionsException">A setting is missing or out of range.</exception>
    public void Validate()
    {
        var errors = KegAuthOptionsValidation.GetErrors(this);
        if (errors.Count > 0)
        {
            throw new KegAuthOptionsException(errors);
        }
    }
}
