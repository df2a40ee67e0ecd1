namespace KegAuth.AspNetCore;

/// <summary>
/// Delivers a password-reset token to the user, usually as a link by mail. The app implements it.
/// Mail <see cref="KegPasswordResetMessage{TUser}.Url"/>, which is built from the configured
/// <see cref="KegPasswordResetOptions.PublicBaseUrl"/>: never build a link from the request's
/// <c>Host</c> header, which the client chooses (a poisoned link sends the victim's token to the
/// attacker's site). With <see cref="KegPasswordResetOptions.SendInBackground"/> (the default) the sender
/// runs on a background queue in a scope of its own, so there is no <c>HttpContext</c>.
/// </summary>
/// <typeparam name="TUser">The user type.</typeparam>
public interface IKegPasswordResetSender<TUser>
    where TUser : class, IKegUser
{
    /// <summary>Sends the reset link for <paramref name="message"/>.</summary>
    /// <param name="message">The user, its key, the token and the link.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    Task SendAsync(KegPasswordResetMessage<TUser> message, CancellationToken cancellationToken);
}
