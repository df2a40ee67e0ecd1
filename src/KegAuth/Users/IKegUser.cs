using System.Linq.Expressions;

namespace KegAuth;

/// <summary>
/// What every <see cref="KegUserAttribute"/> class has. The generator implements it; code that
/// works over any user type (session validation, sign-in, password reset) can be written against it.
/// </summary>
public interface IKegUser
{
    /// <summary>Whether the account is enabled. Default <see langword="true"/>.</summary>
    bool IsEnabled { get; set; }

    /// <summary>Whether the user has every permission. Default <see langword="false"/>.</summary>
    bool IsSuperuser { get; set; }

    /// <summary>The password hash; <see langword="null"/> when no password is set.</summary>
    PasswordHash? Password { get; set; }

    /// <summary>The session key (keg-auth <c>session_key</c>); replaced when the user's rights change.</summary>
    string SessionKey { get; set; }

    /// <summary>When the user last logged in (UTC).</summary>
    DateTime? LastLoginUtc { get; set; }

    /// <summary>When the account becomes disabled (UTC); <see langword="null"/> for never.</summary>
    DateTime? DisabledUtc { get; set; }

    /// <summary>The value of the login-id property (<c>Username</c>, or <c>Email</c> with <see cref="KegUserEmailAttribute"/>).</summary>
    string LoginId { get; }

    /// <summary>Whether the user may log in now, by the system clock.</summary>
    bool IsActive { get; }

    /// <summary>Whether the user may log in at <paramref name="utcNow"/>.</summary>
    bool IsActiveAt(DateTime utcNow);

    /// <summary>Replaces the session key with a new random value, ending every session.</summary>
    void ResetSessionKey();

    /// <summary>Hashes <paramref name="plain"/> with bcrypt at <see cref="KegAuthOptions.PasswordWorkFactor"/> and stores it in <see cref="Password"/>.</summary>
    /// <param name="plain">The new password.</param>
    /// <param name="options">The KegAuth options.</param>
    void SetPassword(string plain, KegAuthOptions options);

    /// <summary>Issues a password-reset token (keg-auth <c>token_generate</c>).</summary>
    /// <param name="options">The KegAuth options (secret key, lifetime and clock).</param>
    /// <returns>The token.</returns>
    string TokenGenerate(KegAuthOptions options);

    /// <summary>Whether <paramref name="token"/> is a valid, unexpired reset token for this user in its current state (keg-auth <c>token_verify</c>). Never throws.</summary>
    /// <param name="token">The token the user presented.</param>
    /// <param name="options">The KegAuth options.</param>
    /// <returns>Whether it verifies.</returns>
    bool TokenVerify(string? token, KegAuthOptions options);

    /// <summary>Sets a new password with a reset token (keg-auth <c>change_password</c>).</summary>
    /// <param name="token">The reset token.</param>
    /// <param name="newPassword">The new password.</param>
    /// <param name="options">The KegAuth options.</param>
    /// <exception cref="InvalidTokenException">The token does not verify for this user.</exception>
    void ChangePassword(string token, string newPassword, KegAuthOptions options);
}

/// <summary>
/// The static side of a generated user: the expressions EF Core inlines when a query uses
/// <c>IsActive</c>, <c>IsDisabledByDate</c> or <c>IsActiveAt</c>, the login-id property name and
/// lookup, and key parsing: written by the generator, which knows the login id and the key's type.
/// The generator implements these explicitly so they do not clutter the user's class.
/// </summary>
/// <typeparam name="TSelf">The user class itself.</typeparam>
public interface IKegUser<TSelf> : IKegUser
    where TSelf : class, IKegUser<TSelf>
{
    /// <summary>The name of the login-id property: <c>"Username"</c> or <c>"Email"</c>.</summary>
    static abstract string LoginIdPropertyName { get; }

    /// <summary>The active rule as an expression of the user and the current UTC time.</summary>
    static abstract Expression<Func<TSelf, DateTime, bool>> IsActiveExpression { get; }

    /// <summary>The disabled-by-date rule as an expression of the user and the current UTC time.</summary>
    static abstract Expression<Func<TSelf, DateTime, bool>> IsDisabledByDateExpression { get; }

    /// <summary>
    /// <c>user =&gt; user.&lt;login id&gt; == loginId</c> as an expression EF Core translates, with
    /// <paramref name="loginId"/> sent as a query parameter and converted like the column (so an email
    /// matches whatever its case).
    /// </summary>
    /// <param name="loginId">The login id to find.</param>
    /// <returns>The predicate.</returns>
    static abstract Expression<Func<TSelf, bool>> LoginIdEquals(string loginId);

    /// <summary>
    /// The value of the key property that <paramref name="text"/> names: text parsed as the key's type
    /// (int, long, Guid or string) in the invariant culture, or <see langword="null"/> when it does not parse.
    /// </summary>
    /// <param name="text">The key as text, for example from a link.</param>
    /// <returns>The boxed key, or <see langword="null"/>.</returns>
    static abstract object? ParseKey(string text);
}

/// <summary>What a <see cref="KegUserEmailAttribute"/> user adds.</summary>
public interface IKegUserEmail : IKegUser
{
    /// <summary>The email address, stored lowercased; the login id.</summary>
    string Email { get; set; }

    /// <summary>Whether the email address has been verified. Default <see langword="false"/>.</summary>
    bool IsVerified { get; set; }
}
