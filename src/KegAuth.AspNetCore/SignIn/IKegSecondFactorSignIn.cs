using Microsoft.AspNetCore.Http;

namespace KegAuth.AspNetCore;

/// <summary>
/// The code step of a two-step sign-in, for users with <c>[KegUserTotp]</c>. When the password is
/// right and the user's authenticator is on, <see cref="IKegSignIn{TUser}.PasswordSignInAsync"/> answers
/// <see cref="KegSignInStatus.SecondFactorRequired"/> and sets a short-lived, encrypted pending-sign-in
/// cookie instead of the session cookie; <see cref="CompleteAsync"/> finishes it. Registered by
/// <c>AddSignIn</c> when the user type has <c>[KegUserTotp]</c>.
/// </summary>
/// <typeparam name="TUser">The user type.</typeparam>
public interface IKegSecondFactorSignIn<TUser>
    where TUser : class, IKegUser
{
    /// <summary>
    /// Checks an authenticator code (six digits) or a recovery code (<c>xxxxx-xxxxx</c>) for the user
    /// the request's pending-sign-in cookie names; either works once. A wrong code counts as a failed
    /// login attempt of that user, so keg-auth's login lockout applies to code guessing. On success the
    /// session cookie is issued as the password step would have (with its "remember me" choice), the
    /// pending cookie removed, and with <paramref name="rememberDevice"/> a device cookie set that
    /// skips this step on this browser (<see cref="KegSecondFactorOptions.RememberDeviceFor"/>). Never
    /// throws for bad input.
    /// </summary>
    /// <param name="httpContext">The request, carrying the pending-sign-in cookie.</param>
    /// <param name="code">What the user typed.</param>
    /// <param name="rememberDevice">Whether to skip the code step on this browser from now on.</param>
    /// <returns>The outcome.</returns>
    Task<KegSecondFactorResult<TUser>> CompleteAsync(HttpContext httpContext, string? code, bool rememberDevice = false);

    /// <summary>Whether the request carries a pending sign-in that has not expired (the code page shows its form only then).</summary>
    /// <param name="httpContext">The request.</param>
    /// <returns>Whether a password step is waiting for its code.</returns>
    bool HasPendingSignIn(HttpContext httpContext);
}
