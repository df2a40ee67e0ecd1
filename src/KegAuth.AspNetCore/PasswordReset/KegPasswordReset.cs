using KegAuth.AspNetCore.Telemetry;
using KegAuth.AspNetCore.Users;
using KegAuth.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Values = KegAuth.Telemetry.KegAuthTelemetryValues;

namespace KegAuth.AspNetCore.PasswordReset;

/// <summary>The password-reset service over the app's context, user and attempt types.</summary>
internal sealed class KegPasswordReset<TContext, TUser, TAttempt>(
    KegUserStore<TContext, TUser> users,
    KegAccountMail<TContext, TUser> mail,
    IKegPasswordPolicy policy,
    IOptions<KegAuthOptions> options,
    KegAuthMetrics metrics,
    KegLoginIdFingerprint fingerprint,
    ILoggerFactory loggers)
    : IKegPasswordReset<TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
    where TAttempt : class, IKegAttempt, new()
{
    private readonly ILogger _log = loggers.CreateLogger(KegPasswordResetLog.Category);

    public Task<KegForgotPasswordStatus> ForgotPasswordAsync(string? loginId, string? sourceIp = null, CancellationToken cancellationToken = default)
        => MailAsync(loginId, KegMailKind.ResetPassword, sourceIp, cancellationToken);

    public Task<KegForgotPasswordStatus> ResendVerificationAsync(string? loginId, string? sourceIp = null, CancellationToken cancellationToken = default)
        => MailAsync(loginId, KegMailKind.VerifyAccount, sourceIp, cancellationToken);

    public Task<KegResetPasswordResult> ResetPasswordAsync(string? userKey, string? token, string? newPassword, string? sourceIp = null, CancellationToken cancellationToken = default)
        => ResetAsync(userKey, token, newPassword, KegMailKind.ResetPassword, sourceIp, cancellationToken);

    public Task<KegResetPasswordResult> VerifyAccountAsync(string? userKey, string? token, string? newPassword, string? sourceIp = null, CancellationToken cancellationToken = default)
        => ResetAsync(userKey, token, newPassword, KegMailKind.VerifyAccount, sourceIp, cancellationToken);

    private static string KindValue(KegMailKind kind) => kind == KegMailKind.VerifyAccount ? Values.VerifyAccount : Values.ResetPassword;

    private async Task<KegForgotPasswordStatus> MailAsync(string? loginId, KegMailKind kind, string? sourceIp, CancellationToken cancellationToken)
    {
        using var activity = KegAuthActivitySource.Source.StartActivity(KegAuthActivitySource.PasswordResetRequest);
        activity?.SetTag("kegauth.mail.kind", KindValue(kind));
        try
        {
            var status = await MailCoreAsync(loginId, kind, sourceIp, cancellationToken).ConfigureAwait(false);
            var outcome = status == KegForgotPasswordStatus.LockedOut ? Values.LockedOut : Values.Accepted;
            activity?.SetTag(KegAuthActivitySource.ResultTag, outcome);
            metrics.ResetRequest(KindValue(kind), outcome);
            return status;
        }
        catch (Exception exception)
        {
            KegAuthActivitySource.Failed(activity, exception);
            metrics.ResetRequest(KindValue(kind), Values.Error);
            throw;
        }
    }

    private async Task<KegResetPasswordResult> ResetAsync(string? userKey, string? token, string? newPassword, KegMailKind kind, string? sourceIp, CancellationToken cancellationToken)
    {
        using var activity = KegAuthActivitySource.Source.StartActivity(KegAuthActivitySource.PasswordReset);
        activity?.SetTag("kegauth.mail.kind", KindValue(kind));
        try
        {
            var result = await ResetCoreAsync(userKey, token, newPassword, kind, sourceIp, cancellationToken).ConfigureAwait(false);
            var outcome = result.Status switch
            {
                KegResetPasswordStatus.Succeeded => Values.Succeeded,
                KegResetPasswordStatus.LockedOut => Values.LockedOut,
                KegResetPasswordStatus.PasswordRejected => Values.PasswordRejected,
                _ => Values.InvalidToken,
            };
            activity?.SetTag(KegAuthActivitySource.ResultTag, outcome);
            metrics.ResetAttempt(KindValue(kind), outcome);
            return result;
        }
        catch (Exception exception)
        {
            KegAuthActivitySource.Failed(activity, exception);
            metrics.ResetAttempt(KindValue(kind), Values.Error);
            throw;
        }
    }

    /// <summary>Forgot-password and resend-verification: one count (forgot), one answer whether or not the user exists.</summary>
    private async Task<KegForgotPasswordStatus> MailCoreAsync(string? loginId, KegMailKind kind, string? sourceIp, CancellationToken cancellationToken)
    {
        var (user, attemptKey) = await users.ResolveLoginIdAsync(loginId, cancellationToken).ConfigureAwait(false);

        // keg-auth: a request for a user who may reset is a success, and restarts the count of failures.
        // A verification is only for an account not yet verified.
        var eligible = user is not null && mail.MayReset(user)
                       && (kind == KegMailKind.ResetPassword || user is IKegUserEmail { IsVerified: false });
        var log = await KegAttempts.LogAttemptAsync<TAttempt>(users.Context, attemptKey, AttemptType.Forgot, eligible, sourceIp, cancellationToken).ConfigureAwait(false);
        if (log.IsBlocked)
        {
            KegPasswordResetLog.RequestLockedOut(_log, KindValue(kind), fingerprint.Of(attemptKey), sourceIp ?? "-");
            return KegForgotPasswordStatus.LockedOut;
        }

        if (eligible)
        {
            await mail.SendAsync(mail.Compose(user!, kind), cancellationToken).ConfigureAwait(false);
        }

        return KegForgotPasswordStatus.Accepted;
    }

    private async Task<KegResetPasswordResult> ResetCoreAsync(string? userKey, string? token, string? newPassword, KegMailKind kind, string? sourceIp, CancellationToken cancellationToken)
    {
        var db = users.Context;
        var (user, attemptKey) = await users.ResolveKeyAsync(userKey, cancellationToken).ConfigureAwait(false);

        // Every reset attempt counts (keg-auth), under the user's login id or the key's canonical form.
        var log = await KegAttempts.LogAttemptAsync<TAttempt>(db, attemptKey, AttemptType.Reset, success: false, sourceIp, cancellationToken).ConfigureAwait(false);
        if (log.IsBlocked)
        {
            KegPasswordResetLog.LockedOut(_log, KindValue(kind), fingerprint.Of(attemptKey), sourceIp ?? "-");
            return KegResetPasswordStatus.LockedOut;
        }

        var settings = options.Value;
        if (user is null || !user.TokenVerify(token, settings))
        {
            if (_log.IsEnabled(LogLevel.Information))
            {
                KegPasswordResetLog.TokenRefused(_log, KindValue(kind), user is null ? "unknown user key" : "invalid or expired token", fingerprint.Of(attemptKey), sourceIp ?? "-");
            }

            await WatchLockoutAsync(attemptKey, sourceIp, cancellationToken).ConfigureAwait(false);
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
            KegPasswordResetLog.Completed(_log, KindValue(kind), fingerprint.Of(attemptKey), sourceIp ?? "-");
            return KegResetPasswordStatus.Succeeded;
        }

        // Another request spent the token first: keep its password, record this attempt as failed.
        await db.Entry(user).ReloadAsync(cancellationToken).ConfigureAwait(false);
        log.Attempt.Success = false;
        KegPasswordResetLog.TokenRefused(_log, KindValue(kind), "spent by another request", fingerprint.Of(attemptKey), sourceIp ?? "-");
        return KegResetPasswordStatus.InvalidToken;
    }

    /// <summary>After a failed reset attempt was stored: counts and logs the lockout it started, if it did.</summary>
    private async Task WatchLockoutAsync(string attemptKey, string? sourceIp, CancellationToken cancellationToken)
    {
        if (!metrics.LockoutsEnabled && !_log.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        if (await KegLockoutWatch.StartedAsync<TAttempt>(users.Context, attemptKey, AttemptType.Reset, sourceIp, cancellationToken).ConfigureAwait(false))
        {
            metrics.LockoutStarted(Values.Reset);
            KegPasswordResetLog.LockoutStarted(_log, fingerprint.Of(attemptKey), sourceIp ?? "-");
        }
    }
}
