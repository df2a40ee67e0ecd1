namespace KegAuth.AspNetCore;

/// <summary>Delivers a password-reset token to the user, usually as a link by mail. The app implements it.</summary>
/// <typeparam name="TUser">The user type.</typeparam>
public interface IKegPasswordResetSender<TUser>
    where TUser : class, IKegUser
{
    /// <summary>Sends the reset link for <paramref name="message"/>.</summary>
    /// <param name="message">The user, its key and the token.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    Task SendAsync(KegPasswordResetMessage<TUser> message, CancellationToken cancellationToken);
}
