namespace KegAuth.AspNetCore;

/// <summary>
/// Forgot-password and reset-password (keg-auth's views of those names) with lockout for the
/// <see cref="AttemptType.Forgot"/> and <see cref="AttemptType.Reset"/> attempt types. Registered by <c>AddPasswordReset</c>.
/// </summary>
/// <typeparam name="TUser">The user type.</typeparam>
public interface IKegPasswordReset<TUser>
    where TUser : class, IKegUser
{
    /// <summary>
    /// Records a forgot attempt and, unless locked out, issues a reset token (<see cref="IKegUser.TokenGenerate"/>)
    /// for the active user with <paramref name="loginId"/> and passes it, with its link, to the
    /// <see cref="IKegPasswordResetSender{TUser}"/> (on a background queue by default, see
    /// <see cref="KegPasswordResetOptions.SendInBackground"/>). As in keg-auth, a request for a user who may
    /// reset is a successful attempt and restarts that user's count of failed ones.
    /// </summary>
    /// <param name="loginId">The username or email as typed; attempts count under the user's login id (or the input as stored), so case variants share one count.</param>
    /// <param name="sourceIp">The client's IP, stored with the attempt.</param>
    /// <param name="cancellationToken">Cancels the queries, the save and the send.</param>
    /// <returns><see cref="KegForgotPasswordStatus.Accepted"/> whether or not the user exists, or <see cref="KegForgotPasswordStatus.LockedOut"/>.</returns>
    Task<KegForgotPasswordStatus> ForgotPasswordAsync(string? loginId, string? sourceIp = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a reset attempt and, unless locked out, changes the password with the token
    /// (<see cref="IKegUser.ChangePassword"/>) and saves. The token is spent once: of two requests racing
    /// with one token, one succeeds and the other gets <see cref="KegResetPasswordStatus.InvalidToken"/>.
    /// Never throws for a bad token, key or password.
    /// </summary>
    /// <param name="userKey">The user's key from the reset link.</param>
    /// <param name="token">The token from the reset link.</param>
    /// <param name="newPassword">The new password; the app checks its strength first. Empty, an unpaired surrogate, or (with <see cref="KegAuthOptions.RejectPasswordsOverBcryptLimit"/>) over 72 UTF-8 bytes gives <see cref="KegResetPasswordStatus.PasswordRejected"/>.</param>
    /// <param name="sourceIp">The client's IP, stored with the attempt.</param>
    /// <param name="cancellationToken">Cancels the queries and the save.</param>
    /// <returns>The outcome.</returns>
    Task<KegResetPasswordStatus> ResetPasswordAsync(string? userKey, string? token, string? newPassword, string? sourceIp = null, CancellationToken cancellationToken = default);
}
