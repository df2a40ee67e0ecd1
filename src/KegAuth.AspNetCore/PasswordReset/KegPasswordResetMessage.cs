namespace KegAuth.AspNetCore;

/// <summary>What a reset mail needs: the user, the key and token, and the link built from them.</summary>
/// <typeparam name="TUser">The user type.</typeparam>
/// <param name="User">The user who asked; mail goes to its address. Read it, do not save it: it belongs to the request's context.</param>
/// <param name="UserKey">The user's primary key as text, for the reset link; pass it back to <see cref="IKegPasswordReset{TUser}.ResetPasswordAsync"/>.</param>
/// <param name="Token">The reset token (a secret: put it in the link only, never in logs).</param>
/// <param name="Url">
/// The reset link: <see cref="KegPasswordResetOptions.PublicBaseUrl"/> and <see cref="KegPasswordResetOptions.ResetPasswordPath"/>
/// with the key and token in the query. Mail this; never build a link from the request's Host header.
/// </param>
public sealed record KegPasswordResetMessage<TUser>(TUser User, string UserKey, string Token, Uri Url)
    where TUser : class, IKegUser
{
    /// <summary>Names the user key only; the token (also inside <see cref="Url"/>) stays out of logs and debugger displays.</summary>
    public override string ToString() => $"{nameof(KegPasswordResetMessage<TUser>)} {{ UserKey = {UserKey} }}";
}
