namespace KegAuth.AspNetCore;

/// <summary>What a reset mail needs: the user, the key to put in the link, and the token.</summary>
/// <typeparam name="TUser">The user type.</typeparam>
/// <param name="User">The user who asked; mail goes to its address.</param>
/// <param name="UserKey">The user's primary key as text, for the reset link; pass it back to <see cref="IKegPasswordReset{TUser}.ResetPasswordAsync"/>.</param>
/// <param name="Token">The reset token (a secret: put it in the link only, never in logs).</param>
public sealed record KegPasswordResetMessage<TUser>(TUser User, string UserKey, string Token)
    where TUser : class, IKegUser
{
    /// <summary>Names the user key only; the token stays out of logs and debugger displays.</summary>
    public override string ToString() => $"{nameof(KegPasswordResetMessage<TUser>)} {{ UserKey = {UserKey} }}";
}
