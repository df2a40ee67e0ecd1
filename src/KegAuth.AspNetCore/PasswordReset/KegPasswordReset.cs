using KegAuth.AspNetCore.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.PasswordReset;

/// <summary>The password-reset service over the app's context, user and attempt types.</summary>
internal sealed class KegPasswordReset<TContext, TUser, TAttempt>(
    KegUserStore<TContext, TUser> users,
    IServiceProvider services,
    IOptions<KegAuthOptions> options,
    IOptions<KegPasswordResetOptions> resetOptions)
    : IKegPasswordReset<TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
    where TAttempt : class, IKegAttempt, new()
{
    public async Task<KegForgotPasswordStatus> ForgotPasswordAsync(string? loginId, string? sourceIp = null, CancellationToken cancellationToken = default)
    {
        var (user, attemptKey) = await users.ResolveLoginIdAsync(loginId, cancellationToken).ConfigureAwait(false);

        // keg-auth: a request for a user who may reset is a success, and restarts the count of failures.
        var canReset = user is not null && user.IsActiveAt(users.UtcNow);
        var log = await KegAttempts.LogAttemptAsync<TAttempt>(users.Context, attemptKey, AttemptType.Forgot, canReset, sourceIp, cancellationToken).ConfigureAwait(false);
        if (log.IsBlocked)
        {
            return KegForgotPasswordStatus.LockedOut;
        }

        if (canReset)
        {
            var token = user!.TokenGenerate(options.Value);
            var key = users.GetKey(user);
            var message = new KegPasswordResetMessage<TUser>(user, key, token, resetOptions.Value.BuildLink(key, token));
            if (resetOptions.Value.SendInBackground)
            {
                services.GetRequiredService<KegResetMessageQueue<TUser>>().Enqueue(message);
            }
            else
            {
                await services.GetRequiredService<IKegPasswordResetSender<TUser>>().SendAsync(message, cancellationToken).ConfigureAwait(false);
            }
        }

        return KegForgotPasswordStatus.Accepted;
    }

    public async Task<KegResetPasswordStatus> ResetPasswordAsync(string? userKey, string? token, string? newPassword, string? sourceIp = null, CancellationToken cancellationToken = default)
    {
        var db = users.Context;
        var (user, attemptKey) = await users.ResolveKeyAsync(userKey, cancellationToken).ConfigureAwait(false);

        // Every reset attempt counts (keg-auth), under the user's login id or the key's canonical form.
        var log = await KegAttempts.LogAttemptAsync<TAttempt>(db, attemptKey, AttemptType.Reset, success: false, sourceIp, cancellationToken).ConfigureAwait(false);
        if (log.IsBlocked)
        {
            return KegResetPasswordStatus.LockedOut;
        }

        var settings = options.Value;
        if (user is null || !user.TokenVerify(token, settings))
        {
            return KegResetPasswordStatus.InvalidToken;
        }

        if (string.IsNullOrEmpty(newPassword))
        {
            return KegResetPasswordStatus.PasswordRejected;
        }

        var oldHash = user.Password;
        try
        {
            // The new hash changes the token salt (the token is spent) and the interceptor resets the session key.
            user.ChangePassword(token!, newPassword, settings);
        }
        catch (ArgumentException)
        {
            return KegResetPasswordStatus.PasswordRejected;
        }

        log.Attempt.Success = true;
        if (await KegTokenSpending.SaveIfUnspentAsync(db, users.KeyEquals(user), oldHash, user.Password, cancellationToken).ConfigureAwait(false))
        {
            return KegResetPasswordStatus.Succeeded;
        }

        // Another request spent the token first: keep its password, record this attempt as failed.
        await db.Entry(user).ReloadAsync(cancellationToken).ConfigureAwait(false);
        log.Attempt.Success = false;
        return KegResetPasswordStatus.InvalidToken;
    }
}
