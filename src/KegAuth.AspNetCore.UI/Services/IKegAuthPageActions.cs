using Microsoft.AspNetCore.Http;

namespace KegAuth.AspNetCore.UI.Services;

/// <summary>
/// What the pages do, without the app's user type: Razor Pages cannot be generic, so
/// <see cref="KegAuthPageActions{TUser}"/> closes over <c>TUser</c> and forwards every call to the
/// services the JSON endpoints use (<see cref="IKegSignIn{TUser}"/>, <see cref="IKegPasswordReset{TUser}"/>).
/// </summary>
internal interface IKegAuthPageActions
{
    /// <summary>Password sign-in with the request's address; on success the cookie is issued.</summary>
    Task<KegPageSignIn> SignInAsync(HttpContext httpContext, string? loginId, string? password, bool remember);

    /// <summary>Removes this browser's session cookie.</summary>
    Task SignOutAsync(HttpContext httpContext);

    /// <summary>Changes the signed-in user's password (other sessions end).</summary>
    Task<KegChangePasswordResult> ChangePasswordAsync(HttpContext httpContext, string? currentPassword, string? newPassword);

    /// <summary>Mails a reset link when the account may reset.</summary>
    Task<KegForgotPasswordStatus> ForgotPasswordAsync(HttpContext httpContext, string? loginId);

    /// <summary>Sets a new password with a reset link's key and token.</summary>
    Task<KegResetPasswordResult> ResetPasswordAsync(HttpContext httpContext, string? userKey, string? token, string? newPassword);

    /// <summary>Sets the first password with a verification link's key and token and marks the account verified.</summary>
    Task<KegResetPasswordResult> VerifyAccountAsync(HttpContext httpContext, string? userKey, string? token, string? newPassword);
}

/// <summary>A sign-in's outcome for a page.</summary>
/// <param name="Status">What happened.</param>
/// <param name="LockedOutFor">With <see cref="KegSignInStatus.LockedOut"/>, how long the lockout still lasts.</param>
internal sealed record KegPageSignIn(KegSignInStatus Status, TimeSpan LockedOutFor);
