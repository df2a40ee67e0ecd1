using Microsoft.AspNetCore.Http;

namespace KegAuth.AspNetCore;

/// <summary>
/// The signed-in user's authenticator app (<c>[KegUserTotp]</c>): set it up (a secret, its
/// <c>otpauth://</c> URI and QR code), confirm it with a first code (it turns on, recovery codes are
/// made, other sessions end), make new recovery codes, turn it off (with the password or a current
/// code). Registered by <c>AddSignIn</c> when the user type has <c>[KegUserTotp]</c>. Never throws for bad input.
/// </summary>
/// <typeparam name="TUser">The user type.</typeparam>
public interface IKegTotpManager<TUser>
    where TUser : class, IKegUser
{
    /// <summary>The signed-in user's authenticator state, or <see langword="null"/> when nobody is signed in.</summary>
    /// <param name="httpContext">The request.</param>
    Task<KegTotpState?> GetStateAsync(HttpContext httpContext);

    /// <summary>Begins a set-up: a new secret, stored encrypted, replacing a pending one. The authenticator stays off until confirmed.</summary>
    /// <param name="httpContext">The request, signed in.</param>
    /// <returns>The secret to show, or why not (<see cref="KegTotpChangeStatus.AlreadyEnabled"/>).</returns>
    Task<KegTotpChangeResult> BeginAsync(HttpContext httpContext);

    /// <summary>The pending set-up's secret again (a page shows it until the first code is confirmed), or <see langword="null"/>.</summary>
    /// <param name="httpContext">The request, signed in.</param>
    Task<KegTotpSetup?> GetPendingSetupAsync(HttpContext httpContext);

    /// <summary>
    /// Turns the authenticator on when <paramref name="code"/> is right for the pending secret, makes
    /// recovery codes (shown once), and resets the session key: other sessions end, this request's
    /// cookie is re-issued.
    /// </summary>
    /// <param name="httpContext">The request, signed in.</param>
    /// <param name="code">The first code from the app.</param>
    Task<KegTotpChangeResult> ConfirmAsync(HttpContext httpContext, string? code);

    /// <summary>New recovery codes replacing the old ones (shown once).</summary>
    /// <param name="httpContext">The request, signed in.</param>
    Task<KegTotpChangeResult> GenerateRecoveryCodesAsync(HttpContext httpContext);

    /// <summary>
    /// Turns the authenticator off, forgetting the secret and recovery codes, after checking the
    /// password or a current code (either; a wrong one counts as a failed login attempt, so the lockout
    /// applies). Resets the session key: other sessions end, this request's cookie is re-issued.
    /// </summary>
    /// <param name="httpContext">The request, signed in.</param>
    /// <param name="password">The user's password, or null.</param>
    /// <param name="code">A current authenticator code, or null.</param>
    Task<KegTotpChangeResult> DisableAsync(HttpContext httpContext, string? password, string? code);
}
