namespace KegAuth.AspNetCore;

/// <summary>
/// Creates users as keg-auth's <c>AuthManager.create_user</c> does: a random password unless one is
/// set, saved, a verification token issued and mailed unless asked not to. The endpoints, the command
/// line and the admin pages all create users through it. Registered by <c>AddPasswordReset</c>.
/// </summary>
/// <typeparam name="TUser">The user type.</typeparam>
public interface IKegUserCreation<TUser>
    where TUser : class, IKegUser
{
    /// <summary>
    /// Saves <paramref name="user"/> (a random password when it has none, so nobody can sign in before
    /// the verification link sets one), then issues a verification token and, unless
    /// <paramref name="sendMail"/> is false, hands the <see cref="KegMailKind.VerifyAccount"/> message to the sender.
    /// </summary>
    /// <param name="user">The new user, with its login id and any columns the app requires.</param>
    /// <param name="sendMail">Whether to send the verification mail.</param>
    /// <param name="cancellationToken">Cancels the save and an inline send.</param>
    /// <returns>The saved user, its key and the verification link.</returns>
    /// <exception cref="Microsoft.EntityFrameworkCore.DbUpdateException">The save failed, e.g. the login id is taken.</exception>
    Task<KegCreatedUser<TUser>> CreateUserAsync(TUser user, bool sendMail = true, CancellationToken cancellationToken = default);
}

/// <summary>A user <see cref="IKegUserCreation{TUser}"/> created.</summary>
/// <typeparam name="TUser">The user type.</typeparam>
/// <param name="User">The saved user.</param>
/// <param name="UserKey">Its primary key as text.</param>
/// <param name="VerificationUrl">The verification link (it holds the token: show it only to whoever may set the password).</param>
public sealed record KegCreatedUser<TUser>(TUser User, string UserKey, Uri VerificationUrl)
    where TUser : class, IKegUser
{
    /// <summary>Names the key only; the link holds a token.</summary>
    public override string ToString() => $"{nameof(KegCreatedUser<TUser>)} {{ UserKey = {UserKey} }}";
}
