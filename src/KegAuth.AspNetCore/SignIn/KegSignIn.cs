using System.Diagnostics.CodeAnalysis;
using KegAuth.AspNetCore.Cookies;
using KegAuth.AspNetCore.Telemetry;
using KegAuth.AspNetCore.Users;
using KegAuth.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Values = KegAuth.Telemetry.KegAuthTelemetryValues;

namespace KegAuth.AspNetCore.SignIn;

/// <summary>The sign-in service over the app's context, user and attempt types.</summary>
internal sealed class KegSignIn<TContext, TUser, TAttempt>(
    KegUserStore<TContext, TUser> users,
    KegSessionValidator<TContext, TUser> sessions,
    IKegPasswordPolicy policy,
    IOptions<KegAuthOptions> options,
    KegAuthMetrics metrics,
    KegLoginIdFingerprint fingerprint,
    KegSecondFactorCookies secondFactor,
    ILoggerFactory loggers)
    : IKegSignIn<TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
    where TAttempt : class, IKegAttempt, new()
{
    private readonly ILogger _log = loggers.CreateLogger(KegSignInLog.Category);

    /// <summary>The key of the attempt a password step left unfinished (the code step marks it successful).</summary>
    private string? _pendingAttemptKey;

    public async Task<KegSignInResult<TUser>> CheckPasswordAsync(string? loginId, string? password, string? sourceIp = null, CancellationToken cancellationToken = default)
        => KegSecondFactorGate.WithoutPendingUser(await CheckAsync(loginId, password, sourceIp, deviceRemembered: null, cancellationToken).ConfigureAwait(false));

    /// <summary>The password check, instrumented; the user also comes back with <see cref="KegSignInStatus.SecondFactorRequired"/>, for the pending cookie.</summary>
    private async Task<KegSignInResult<TUser>> CheckAsync(string? loginId, string? password, string? sourceIp, Func<TUser, bool>? deviceRemembered, CancellationToken cancellationToken)
    {
        using var activity = KegAuthActivitySource.Source.StartActivity(KegAuthActivitySource.SignIn);
        var started = metrics.SignInStarted();
        try
        {
            var result = await CheckPasswordCoreAsync(loginId, password, sourceIp, deviceRemembered, cancellationToken).ConfigureAwait(false);
            var outcome = result.Status switch
            {
                KegSignInStatus.Succeeded => Values.Succeeded,
                KegSignInStatus.SecondFactorRequired => KegSecondFactorTelemetry.SecondFactorRequired,
                KegSignInStatus.LockedOut => Values.LockedOut,
                KegSignInStatus.Inactive => Values.Inactive,
                _ => Values.Failed,
            };
            activity?.SetTag(KegAuthActivitySource.ResultTag, outcome);
            metrics.SignIn(outcome, started);
            return result;
        }
        catch (Exception exception)
        {
            KegAuthActivitySource.Failed(activity, exception);
            metrics.SignIn(Values.Error, started);
            throw;
        }
    }

    private async Task<KegSignInResult<TUser>> CheckPasswordCoreAsync(string? loginId, string? password, string? sourceIp, Func<TUser, bool>? deviceRemembered, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var db = users.Context;

        // Counted under one key per account, so case variants of an email share the count.
        var (user, attemptKey) = await users.ResolveLoginIdAsync(loginId, cancellationToken).ConfigureAwait(false);

        // keg-auth logs the attempt as failed before checking anything, then marks it successful.
        var log = await KegAttempts.LogAttemptAsync<TAttempt>(db, attemptKey, AttemptType.Login, success: false, sourceIp, cancellationToken).ConfigureAwait(false);
        if (log.IsBlocked)
        {
            if (_log.IsEnabled(LogLevel.Warning))
            {
                KegSignInLog.LockedOut(_log, log.Lockout.BlockedUntilUtc, fingerprint.Of(attemptKey), sourceIp ?? "-");
            }

            return new KegSignInResult<TUser>(KegSignInStatus.LockedOut, LockedOutUntilUtc: log.Lockout.BlockedUntilUtc);
        }

        if (!VerifyPassword(user, password, settings, out var hash))
        {
            if (_log.IsEnabled(LogLevel.Information))
            {
                // The reason is for the operator only; the client gets one answer for all of them.
                var reason = user is null ? "unknown login id" : user.Password is { IsFastTokenHash: false } ? "wrong password" : "no password set";
                KegSignInLog.Failed(_log, reason, fingerprint.Of(attemptKey), sourceIp ?? "-");
            }

            await WatchLockoutAsync(attemptKey, sourceIp, cancellationToken).ConfigureAwait(false);
            return new KegSignInResult<TUser>(KegSignInStatus.Failed);
        }

        var now = users.UtcNow;
        if (!user!.IsActiveAt(now))
        {
            if (_log.IsEnabled(LogLevel.Information))
            {
                KegSignInLog.Inactive(_log, fingerprint.Of(attemptKey), sourceIp ?? "-");
            }

            await WatchLockoutAsync(attemptKey, sourceIp, cancellationToken).ConfigureAwait(false);
            return new KegSignInResult<TUser>(KegSignInStatus.Inactive);
        }

        // With the authenticator on, the attempt stays unsuccessful until the code step: a right password
        // alone must not restart the user's failure count, or code guesses would never lock out.
        var secondStep = KegSecondFactorGate.IsRequired(user) && deviceRemembered?.Invoke(user) != true;
        if (!secondStep)
        {
            log.Attempt.Success = true;
            user.LastLoginUtc = now;
        }

        if (hash.NeedsRehash(settings.PasswordWorkFactor))
        {
            // Hashes of another scheme or a lower cost converge on the configured one, so they stop
            // timing differently from the dummy hash.
            try
            {
                user.SetPassword(password!, settings);
            }
            catch (ArgumentException)
            {
                // A password the options now refuse (over bcrypt's limit) still signs in; its old hash stays.
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (secondStep)
        {
            _pendingAttemptKey = KegPendingAttempts.KeyOf(db, log.Attempt);
            KegSecondFactorLog.Required(_log, fingerprint.Of(attemptKey), sourceIp ?? "-");
            return new KegSignInResult<TUser>(KegSignInStatus.SecondFactorRequired, user);
        }

        users.Remember(user);
        if (_log.IsEnabled(LogLevel.Debug))
        {
            KegSignInLog.Succeeded(_log, fingerprint.Of(attemptKey), sourceIp ?? "-");
        }

        return new KegSignInResult<TUser>(KegSignInStatus.Succeeded, user);
    }

    /// <summary>After a failed login attempt was stored: counts and logs the lockout it started, if it did.</summary>
    private async Task WatchLockoutAsync(string attemptKey, string? sourceIp, CancellationToken cancellationToken)
    {
        if (!metrics.LockoutsEnabled && !_log.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        if (await KegLockoutWatch.StartedAsync<TAttempt>(users.Context, attemptKey, AttemptType.Login, sourceIp, cancellationToken).ConfigureAwait(false))
        {
            metrics.LockoutStarted(Values.Login);
            KegSignInLog.LockoutStarted(_log, Values.Login, fingerprint.Of(attemptKey), sourceIp ?? "-");
        }
    }

    public async Task<KegSignInResult<TUser>> PasswordSignInAsync(HttpContext httpContext, string? loginId, string? password, bool isPersistent = false)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var sourceIp = httpContext.Connection.RemoteIpAddress?.ToString();
        var result = await CheckAsync(loginId, password, sourceIp, user => secondFactor.IsDeviceRemembered(httpContext, users.KeyOf(user), user.SessionKey), httpContext.RequestAborted).ConfigureAwait(false);
        if (result is { Status: KegSignInStatus.SecondFactorRequired, User: { } pending })
        {
            // No session yet: only a sealed, short-lived note that the password step passed.
            secondFactor.IssuePending(httpContext, users.KeyOf(pending), pending.SessionKey, pending.LastLoginUtc, _pendingAttemptKey, isPersistent);
        }
        else if (result.User is { } user)
        {
            await SignInAsync(httpContext, user, isPersistent).ConfigureAwait(false);
        }

        return KegSecondFactorGate.WithoutPendingUser(result);
    }

    public async Task<KegChangePasswordResult> ChangePasswordAsync(HttpContext httpContext, string? currentPassword, string? newPassword)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        using var activity = KegAuthActivitySource.Source.StartActivity(KegAuthActivitySource.ChangePassword);
        try
        {
            var result = await ChangePasswordCoreAsync(httpContext, currentPassword, newPassword).ConfigureAwait(false);
            var outcome = result.Status switch
            {
                KegChangePasswordStatus.Succeeded => Values.Succeeded,
                KegChangePasswordStatus.InvalidCredentials => Values.InvalidCredentials,
                KegChangePasswordStatus.LockedOut => Values.LockedOut,
                KegChangePasswordStatus.PasswordRejected => Values.PasswordRejected,
                _ => Values.Failed,
            };
            activity?.SetTag(KegAuthActivitySource.ResultTag, outcome);
            metrics.PasswordChange(outcome);
            return result;
        }
        catch (Exception exception)
        {
            KegAuthActivitySource.Failed(activity, exception);
            metrics.PasswordChange(Values.Error);
            throw;
        }
    }

    private async Task<KegChangePasswordResult> ChangePasswordCoreAsync(HttpContext httpContext, string? currentPassword, string? newPassword)
    {
        var cancellationToken = httpContext.RequestAborted;
        var user = await users.GetAsync(httpContext.User, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return KegChangePasswordStatus.NotSignedIn;
        }

        // The current password is checked as a login is: same count, same lockout.
        var sourceIp = httpContext.Connection.RemoteIpAddress?.ToString();
        var log = await KegAttempts.LogAttemptAsync<TAttempt>(users.Context, user.LoginId, AttemptType.Login, success: false, sourceIp, cancellationToken).ConfigureAwait(false);
        if (log.IsBlocked)
        {
            KegSignInLog.ChangePasswordRefused(_log, "locked out", fingerprint.Of(user.LoginId), sourceIp ?? "-");
            return KegChangePasswordStatus.LockedOut;
        }

        var settings = options.Value;
        if (!VerifyPassword(user, currentPassword, settings, out _))
        {
            KegSignInLog.ChangePasswordRefused(_log, "wrong current password", fingerprint.Of(user.LoginId), sourceIp ?? "-");
            await WatchLockoutAsync(user.LoginId, sourceIp, cancellationToken).ConfigureAwait(false);
            return KegChangePasswordStatus.InvalidCredentials;
        }

        log.Attempt.Success = true;
        var check = await policy.CheckAsync(newPassword, user.LoginId, cancellationToken).ConfigureAwait(false);
        if (!check.Succeeded || string.IsNullOrEmpty(newPassword))
        {
            await users.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return new KegChangePasswordResult(KegChangePasswordStatus.PasswordRejected, check.Problems);
        }

        try
        {
            user.SetPassword(newPassword, settings);
        }
        catch (ArgumentException)
        {
            await users.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return KegChangePasswordStatus.PasswordRejected;
        }

        // Read before the save: the cookie's session key is about to go stale.
        var cookie = httpContext.User.Identities.Any(identity => identity.AuthenticationType == KegAuthSchemes.Cookie)
            ? await httpContext.AuthenticateAsync(KegAuthSchemes.Cookie).ConfigureAwait(false)
            : null;

        // The interceptor gives the user a new session key: every other session ends; this one is re-issued.
        await users.Context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (cookie is not null)
        {
            await SignInAsync(httpContext, user, cookie.Properties?.IsPersistent ?? false).ConfigureAwait(false);
        }

        return KegChangePasswordStatus.Succeeded;
    }

    /// <summary>
    /// One full verify at the configured cost, whatever the user: against the user's hash, or a dummy
    /// one for an unknown user or one without a usable password (a fast API-token hash is never a
    /// password: it would fall to an offline guess in no time). True only for the user's own password.
    /// </summary>
    internal static bool VerifyPassword(TUser? user, string? password, KegAuthOptions settings, [NotNullWhen(true)] out PasswordHash? hash)
    {
        hash = user?.Password is { IsFastTokenHash: false } stored ? stored : null;
        var verified = (hash ?? DummyPasswordHash.For(settings.PasswordWorkFactor)).VerifyPassword(password);
        return user is not null && hash is not null && verified;
    }

    public Task SignInAsync(HttpContext httpContext, TUser user, bool isPersistent = false)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(user);
        var properties = new AuthenticationProperties { IsPersistent = isPersistent };
        sessions.MarkValidated(properties);
        return httpContext.SignInAsync(KegAuthSchemes.Cookie, users.CreatePrincipal(user, KegAuthSchemes.Cookie), properties);
    }

    public Task SignOutAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.SignOutAsync(KegAuthSchemes.Cookie);
    }

    public async Task SignOutEverywhereAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var user = await users.GetAsync(httpContext.User, httpContext.RequestAborted).ConfigureAwait(false);
        if (user is not null)
        {
            // A new session key ends every cookie and principal that carries the old one.
            user.ResetSessionKey();
            await users.Context.SaveChangesAsync(httpContext.RequestAborted).ConfigureAwait(false);
            metrics.SessionRevocations(Values.SignOutEverywhere, 1);
            KegSignInLog.SignedOutEverywhere(_log, fingerprint.Of(user.LoginId));
        }

        await SignOutAsync(httpContext).ConfigureAwait(false);
    }
}
