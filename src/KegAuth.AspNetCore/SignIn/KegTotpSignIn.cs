using System.Security.Cryptography;
using System.Text;
using KegAuth.AspNetCore.Telemetry;
using KegAuth.AspNetCore.Users;
using KegAuth.Infrastructure;
using KegAuth.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Values = KegAuth.Telemetry.KegAuthTelemetryValues;

namespace KegAuth.AspNetCore.SignIn;

/// <summary>
/// The code step over the app's context, a <c>[KegUserTotp]</c> user and the attempt type. Code
/// failures are stored as failed <see cref="AttemptType.Login"/> attempts of the user (keg-auth's
/// <c>ka_attempt_types</c> has only login, forgot and reset): the login lockout applies to code
/// guessing with no schema change, and the success that restarts the count is only the completed sign-in.
/// </summary>
internal sealed class KegTotpSignIn<TContext, TUser, TAttempt>(
    KegUserStore<TContext, TUser> users,
    IKegSignIn<TUser> signIn,
    KegSecondFactorCookies cookies,
    IOptions<KegAuthOptions> options,
    KegAuthMetrics metrics,
    KegSecondFactorTelemetry telemetry,
    KegLoginIdFingerprint fingerprint,
    ILoggerFactory loggers)
    : IKegSecondFactorSignIn<TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>, IKegUserTotp
    where TAttempt : class, IKegAttempt, new()
{
    // Recovery codes are 11 characters, authenticator codes 6 (7 with a space); nothing longer is read.
    private const int MaxCodeLength = 64;

    private readonly ILogger _log = loggers.CreateLogger(KegSignInLog.Category);

    public bool HasPendingSignIn(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return cookies.ReadPending(httpContext) is not null;
    }

    public async Task<KegSecondFactorResult<TUser>> CompleteAsync(HttpContext httpContext, string? code, bool rememberDevice = false)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var activity = KegAuthActivitySource.Source.StartActivity(KegSecondFactorTelemetry.SecondFactorActivity);
        var method = KegSecondFactorTelemetry.None;
        try
        {
            var (result, used) = await CompleteCoreAsync(httpContext, code, rememberDevice).ConfigureAwait(false);
            method = used;
            var outcome = result.Status switch
            {
                KegSecondFactorStatus.Succeeded => Values.Succeeded,
                KegSecondFactorStatus.LockedOut => Values.LockedOut,
                KegSecondFactorStatus.Inactive => Values.Inactive,
                KegSecondFactorStatus.NoPendingSignIn => KegSecondFactorTelemetry.NoPendingSignIn,
                _ => KegSecondFactorTelemetry.InvalidCode,
            };
            activity?.SetTag(KegAuthActivitySource.ResultTag, outcome);
            activity?.SetTag("kegauth.method", method);
            telemetry.Attempt(outcome, method);
            return result;
        }
        catch (Exception exception)
        {
            KegAuthActivitySource.Failed(activity, exception);
            telemetry.Attempt(Values.Error, method);
            throw;
        }
    }

    private async Task<(KegSecondFactorResult<TUser> Result, string Method)> CompleteCoreAsync(HttpContext httpContext, string? code, bool rememberDevice)
    {
        var cancellationToken = httpContext.RequestAborted;
        var sourceIp = httpContext.Connection.RemoteIpAddress?.ToString();
        var none = KegSecondFactorTelemetry.None;
        var pending = cookies.ReadPending(httpContext);
        if (pending is null)
        {
            KegSecondFactorLog.NoPending(_log, "missing, expired or unreadable", sourceIp ?? "-");
            return (new(KegSecondFactorStatus.NoPendingSignIn), none);
        }

        var user = await users.FindByKeyAsync(pending.UserKey, cancellationToken).ConfigureAwait(false);

        // A password change, reset, sign-out everywhere or authenticator change since the password step
        // ends it, and so does a completed sign-in: a captured pending cookie completes nothing more.
        if (user is null || !SameKey(user.SessionKey, pending.SessionKey) || !user.TotpEnabled || (user.LastLoginUtc?.Ticks ?? 0L) != pending.LastLoginTicks)
        {
            cookies.ClearPending(httpContext);
            KegSecondFactorLog.NoPending(_log, "the user's session key or authenticator changed, or the sign-in was completed", sourceIp ?? "-");
            return (new(KegSecondFactorStatus.NoPendingSignIn), none);
        }

        var db = users.Context;
        var log = await KegAttempts.LogAttemptAsync<TAttempt>(db, user.LoginId, AttemptType.Login, success: false, sourceIp, cancellationToken).ConfigureAwait(false);
        if (log.IsBlocked)
        {
            KegSecondFactorLog.LockedOut(_log, log.Lockout.BlockedUntilUtc, fingerprint.Of(user.LoginId), sourceIp ?? "-");
            return (new(KegSecondFactorStatus.LockedOut, LockedOutUntilUtc: log.Lockout.BlockedUntilUtc), none);
        }

        // Disabled since the password step: told before the code is spent.
        var now = users.UtcNow;
        if (!user.IsActiveAt(now))
        {
            cookies.ClearPending(httpContext);
            return (new(KegSecondFactorStatus.Inactive), none);
        }

        var method = IsAuthenticatorCode(code) ? KegSecondFactorTelemetry.Totp : KegSecondFactorTelemetry.RecoveryCode;
        var accepted = code is { Length: <= MaxCodeLength } && !code.Contains('\0', StringComparison.Ordinal) && (method == KegSecondFactorTelemetry.Totp
            ? await KegUserTotpSupport.VerifyOnceAsync(db.Set<TUser>(), user, code, options.Value, cancellationToken).ConfigureAwait(false)
            : await KegUserTotpSupport.RedeemRecoveryCodeOnceAsync(db.Set<TUser>(), user, code, cancellationToken).ConfigureAwait(false));
        if (!accepted)
        {
            KegSecondFactorLog.Failed(_log, Describe(method), fingerprint.Of(user.LoginId), sourceIp ?? "-");
            await WatchLockoutAsync(user.LoginId, sourceIp, cancellationToken).ConfigureAwait(false);
            return (new(KegSecondFactorStatus.InvalidCode), method);
        }

        // The conditional update already wrote the step or the remaining codes: the save must not write
        // them again over a newer value another request stored meanwhile.
        var entry = db.Entry(user);
        foreach (var written in new[] { nameof(IKegUserTotp.TotpLastStep), nameof(IKegUserTotp.TotpRecoveryCodes) })
        {
            // Entry() already detected the change: the original value and the flag both have to move.
            var property = entry.Property(written);
            property.OriginalValue = property.CurrentValue;
            property.IsModified = false;
        }

        log.Attempt.Success = true;
        await KegPendingAttempts.MarkSucceededAsync<TAttempt>(db, pending.AttemptKey, user.LoginId, cancellationToken).ConfigureAwait(false);
        user.LastLoginUtc = now;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        cookies.ClearPending(httpContext);
        await signIn.SignInAsync(httpContext, user, pending.Persistent).ConfigureAwait(false);
        if (rememberDevice)
        {
            cookies.RememberDevice(httpContext, pending.UserKey, user.SessionKey);
        }

        KegSecondFactorLog.Succeeded(_log, Describe(method), fingerprint.Of(user.LoginId), sourceIp ?? "-");
        return (new(KegSecondFactorStatus.Succeeded, user), method);
    }

    /// <summary>Six digits, spaces allowed (apps show <c>123 456</c>); anything else is tried as a recovery code.</summary>
    private static bool IsAuthenticatorCode(string? code)
    {
        if (code is null || code.Length > MaxCodeLength)
        {
            return false;
        }

        var digits = 0;
        foreach (var c in code)
        {
            if (c is >= '0' and <= '9')
            {
                digits++;
            }
            else if (c != ' ')
            {
                return false;
            }
        }

        return digits == 6;
    }

    private static string Describe(string method) => method == KegSecondFactorTelemetry.Totp ? "authenticator code" : "recovery code";

    private static bool SameKey(string current, string pending)
        => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(current), Encoding.UTF8.GetBytes(pending));

    private async Task WatchLockoutAsync(string loginId, string? sourceIp, CancellationToken cancellationToken)
    {
        if (!metrics.LockoutsEnabled && !_log.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        if (await KegLockoutWatch.StartedAsync<TAttempt>(users.Context, loginId, AttemptType.Login, sourceIp, cancellationToken).ConfigureAwait(false))
        {
            metrics.LockoutStarted(Values.Login);
            KegSignInLog.LockoutStarted(_log, Values.Login, fingerprint.Of(loginId), sourceIp ?? "-");
        }
    }
}
