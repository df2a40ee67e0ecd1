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
    /// for the enabled user with <paramref name="loginId"/> (verified or not: completing the reset verifies
    /// the account, as keg-auth's <c>allow_unverified</c>) and passes it, with its link, to the
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
    /// <param name="newPassword">The new password, checked by the <see cref="IKegPasswordPolicy"/> (against the user's login id); a refusal gives <see cref="KegResetPasswordStatus.PasswordRejected"/> with every problem, and leaves the token unspent.</param>
    /// <param name="sourceIp">The client's IP, stored with the attempt.</param>
    /// <param name="cancellationToken">Cancels the queries and the save.</param>
    /// <returns>The outcome.</returns>
    Task<KegResetPasswordResult> ResetPasswordAsync(string? userKey, string? token, string? newPassword, string? sourceIp = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a new verification mail (<see cref="KegMailKind.VerifyAccount"/>) to an enabled user whose
    /// email is not yet verified. Counted and limited as forgot-password requests are; answers the same
    /// whether or not the user exists or needs it.
    /// </summary>
    /// <param name="loginId">The login id as typed.</param>
    /// <param name="sourceIp">The client's IP, stored with the attempt.</param>
    /// <param name="cancellationToken">Cancels the queries, the save and an inline send.</param>
    /// <returns><see cref="KegForgotPasswordStatus.Accepted"/>, or <see cref="KegForgotPasswordStatus.LockedOut"/>.</returns>
    Task<KegForgotPasswordStatus> ResendVerificationAsync(string? loginId, string? sourceIp = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes a verification (keg-auth's verify-account): sets the password with the token and marks
    /// the email verified. The same token, lockout and single use as <see cref="ResetPasswordAsync"/>.
    /// </summary>
    /// <inheritdoc cref="ResetPasswordAsync"/>
    Task<KegResetPasswordResult> VerifyAccountAsync(string? userKey, string? token, string? newPassword, string? sourceIp = null, CancellationToken cancellationToken = default);
}
