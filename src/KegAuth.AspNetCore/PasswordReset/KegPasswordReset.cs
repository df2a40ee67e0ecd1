using KegAuth.AspNetCore.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.PasswordReset;

/// <summary>The password-reset service over the app's context, user and attempt types.</summary>
internal sealed class KegPasswordReset<TContext, TUser, TAttempt>(
    KegUserStore<TContext, TUser> users,
    KegAccountMail<TContext, TUser> mail,
    IKegPasswordPolicy policy,
    IOptions<KegAuthOptions> options)
    : IKegPasswordReset<TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
    where TAttempt : class, IKegAttempt, new()
{
    public Task<KegForgotPasswordStatus> ForgotPasswordAsync(string? loginId, string? sourceIp = null, CancellationToken cancellationToken = default)
        => MailAsync(loginId, KegMailKind.ResetPassword, sourceIp, cancellationToken);

    public Task<KegForgotPasswordStatus> ResendVerificationAsync(string? loginId, string? sourceIp = null, CancellationToken cancellationToken = default)
        => MailAsync(loginId, KegMailKind.VerifyAccount, sourceIp, cancellationToken);

    public Task<KegResetPasswordResult> VerifyAccountAsync(string? userKey, string? token, string? newPassword, string? sourceIp = null, CancellationToken cancellationToken = default)
        => ResetPasswordAsync(userKey, token, newPassword, sourceIp, cancellationToken);

    /// <summary>Forgot-password and resend-verification: one count (forgot), one answer whether or not the user exists.</summary>
    private async Task<KegForgotPasswordStatus> MailAsync(string? loginId, KegMailKind kind, string? sourceIp, CancellationToken cancellationToken)
    {
        var (user, attemptKey) = await users.ResolveLoginIdAsync(loginId, cancellationToken).ConfigureAwait(false);

        // keg-auth: a request for a user who may reset is a success, and restarts the count of failures.
        // A verification is only for an account not yet verified.
        var eligible = user is not null && mail.MayReset(user)
                       && (kind == KegMailKind.ResetPassword || user is IKegUserEmail { IsVerified: false });
        var log = await KegAttempts.LogAttemptAsync<TAttempt>(users.Context, attemptKey, AttemptType.Forgot, eligible, sourceIp, cancellationToken).ConfigureAwait(false);
        if (log.IsBlocked)
        {
            return KegForgotPasswordStatus.LockedOut;
        }

        if (eligible)
        {
            await mail.SendAsync(mail.Compose(user!, kind), cancellationToken).ConfigureAwait(false);
        }

        return KegForgotPasswordStatus.Accepted;
    }

    public async Task<KegResetPasswordResult> ResetPasswordAsync(string? userKey, string? token, string? newPassword, string? sourceIp = null, CancellationToken cancellationToken = default)
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

        // The policy sees the password only once the token is known good; a refusal leaves the token unspent.
        var check = await policy.CheckAsync(newPassword, user.LoginId, cancellationToken).ConfigureAwait(false);
        if (!check.Succeeded || string.IsNullOrEmpty(newPassword))
        {
            return new KegResetPasswordResult(KegResetPasswordStatus.PasswordRejected, check.Problems);
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
