using KegAuth.AspNetCore.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.PasswordReset;

/// <summary>The password-reset service over the app's context, user and attempt types.</summary>
internal sealed class KegPasswordReset<TContext, TUser, TAttempt>(
    KegUserStore<TContext, TUser> users,
    IKegPasswordResetSender<TUser> sender,
    IOptions<KegAuthOptions> options)
    : IKegPasswordReset<TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
    where TAttempt : class, IKegAttempt, new()
{
    public async Task<KegForgotPasswordStatus> ForgotPasswordAsync(string? loginId, string? sourceIp = null, CancellationToken cancellationToken = default)
    {
        loginId ??= string.Empty;
        var user = loginId.Length == 0 ? null : await users.FindByLoginIdAsync(loginId, cancellationToken).ConfigureAwait(false);
        var log = await KegAttempts.LogAttemptAsync<TAttempt>(users.Context, loginId, AttemptType.Forgot, success: user is not null, sourceIp, cancellationToken).ConfigureAwait(false);
        if (log.IsBlocked)
        {
            return KegForgotPasswordStatus.LockedOut;
        }

        if (user is not null && user.IsActiveAt(users.UtcNow))
        {
            var token = user.TokenGenerate(options.Value);
            await sender.SendAsync(new KegPasswordResetMessage<TUser>(user, users.GetKey(user), token), cancellationToken).ConfigureAwait(false);
        }

        return KegForgotPasswordStatus.Accepted;
    }

    public async Task<KegResetPasswordStatus> ResetPasswordAsync(string? userKey, string? token, string newPassword, string? sourceIp = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(newPassword);
        userKey ??= string.Empty;
        var user = userKey.Length == 0 ? null : await users.FindByKeyAsync(userKey, cancellationToken).ConfigureAwait(false);

        // Counted per user (by login id) as keg-auth does; an unknown key is counted under the key itself.
        var log = await KegAttempts.LogAttemptAsync<TAttempt>(users.Context, user?.LoginId ?? userKey, AttemptType.Reset, success: false, sourceIp, cancellationToken).ConfigureAwait(false);
        if (log.IsBlocked)
        {
            return KegResetPasswordStatus.LockedOut;
        }

        var settings = options.Value;
        if (user is null || !user.TokenVerify(token, settings))
        {
            return KegResetPasswordStatus.InvalidToken;
        }

        // The new hash changes the token salt (the token is spent) and the interceptor resets the session key.
        user.ChangePassword(token!, newPassword, settings);
        log.Attempt.Success = true;
        await users.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return KegResetPasswordStatus.Succeeded;
    }
}
