using Microsoft.AspNetCore.Http;

namespace KegAuth.AspNetCore;

/// <summary>
/// Password sign-in with keg-auth's lockout rules over the attempt log, and cookie sign-in and sign-out.
/// Registered by <c>AddSignIn</c>.
/// </summary>
/// <typeparam name="TUser">The user type.</typeparam>
public interface IKegSignIn<TUser>
    where TUser : class, IKegUser
{
    /// <summary>
    /// Checks a password without issuing a cookie: refuses while locked out (recording the attempt as made
    /// during the lockout), verifies the password (a dummy bcrypt verify for an unknown login id, so it takes
    /// as long as a wrong password), records the attempt, and on success sets <see cref="IKegUser.LastLoginUtc"/>
    /// and re-hashes a password whose hash <see cref="PasswordHash.NeedsRehash"/>. Never throws on bad input.
    /// </summary>
    /// <param name="loginId">The username or email as typed; attempts count under the matching user's login id (or the input as stored, an email lowercased), so case variants share one count.</param>
    /// <param name="password">The password as typed.</param>
    /// <param name="sourceIp">The client's IP, stored with the attempt and, with <see cref="KegLockoutOptions.LimitBySourceIp"/>, counted on its own.</param>
    /// <param name="cancellationToken">Cancels the queries and saves.</param>
    /// <returns>The outcome; the user only on success.</returns>
    Task<KegSignInResult<TUser>> CheckPasswordAsync(string? loginId, string? password, string? sourceIp = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="CheckPasswordAsync"/> with the request's remote IP, then, on success,
    /// <see cref="SignInAsync"/>. For a user whose authenticator (<c>[KegUserTotp]</c>) is on, a right
    /// password answers <see cref="KegSignInStatus.SecondFactorRequired"/> and sets a short-lived sealed
    /// pending-sign-in cookie instead (finish with <see cref="IKegSecondFactorSignIn{TUser}.CompleteAsync"/>),
    /// unless this browser's remembered-device cookie is still good for the user's session key.
    /// </summary>
    /// <param name="httpContext">The request.</param>
    /// <param name="loginId">The username or email as typed.</param>
    /// <param name="password">The password as typed.</param>
    /// <param name="isPersistent">Whether the cookie outlives the browser session.</param>
    /// <returns>The outcome.</returns>
    Task<KegSignInResult<TUser>> PasswordSignInAsync(HttpContext httpContext, string? loginId, string? password, bool isPersistent = false);

    /// <summary>Issues the session cookie (<see cref="KegAuthSchemes.Cookie"/>) for <paramref name="user"/>, carrying its current session key.</summary>
    /// <param name="httpContext">The request.</param>
    /// <param name="user">The user, already checked.</param>
    /// <param name="isPersistent">Whether the cookie outlives the browser session.</param>
    /// <exception cref="InvalidOperationException">Cookie sessions were not added (<c>AddCookies</c>).</exception>
    Task SignInAsync(HttpContext httpContext, TUser user, bool isPersistent = false);

    /// <summary>
    /// Changes the signed-in user's password after checking the current one. A wrong current password
    /// counts as a failed login attempt (the login lockout applies: an attacker holding a session cannot
    /// guess the password through this). On success the new hash resets the user's session key, which
    /// ends every other session; this request's cookie is re-issued with the new key, so it stays signed in.
    /// Never throws for bad input.
    /// </summary>
    /// <param name="httpContext">The request, signed in by a KegAuth scheme.</param>
    /// <param name="currentPassword">The current password as typed.</param>
    /// <param name="newPassword">The new password, checked by the <see cref="IKegPasswordPolicy"/> against the user's login id.</param>
    /// <returns>The outcome, with every policy problem when the new password was refused.</returns>
    Task<KegChangePasswordResult> ChangePasswordAsync(HttpContext httpContext, string? currentPassword, string? newPassword);

    /// <summary>Removes the session cookie. Other sessions of the user (other browsers, cookies copied elsewhere) go on; see <see cref="SignOutEverywhereAsync"/>.</summary>
    /// <param name="httpContext">The request.</param>
    Task SignOutAsync(HttpContext httpContext);

    /// <summary>
    /// Ends every session of the signed-in user: resets the user's session key (saved at once), so every
    /// cookie carrying the old key is refused on its next request, on any node, then removes this
    /// request's cookie. Does nothing but remove the cookie when no KegAuth user is signed in. The user's
    /// API token is not touched (it does not carry the session key); revoke it separately.
    /// </summary>
    /// <param name="httpContext">The request.</param>
    Task SignOutEverywhereAsync(HttpContext httpContext);
}
