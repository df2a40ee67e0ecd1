using KegAuth.AspNetCore.SignIn;
using KegAuth.AspNetCore.Telemetry;
using KegAuth.AspNetCore.Users;
using KegAuth.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Values = KegAuth.Telemetry.KegAuthTelemetryValues;

namespace KegAuth.AspNetCore.SecondFactor;

/// <summary>The signed-in user's authenticator over the app's context, a <c>[KegUserTotp]</c> user and the attempt type.</summary>
internal sealed class KegTotpManager<TContext, TUser, TAttempt>(
    KegUserStore<TContext, TUser> users,
    IKegSignIn<TUser> signIn,
    IOptions<KegAuthOptions> options,
    IOptions<KegSecondFactorOptions> secondFactor,
    KegSecondFactorTelemetry telemetry,
    KegLoginIdFingerprint fingerprint,
    ILoggerFactory loggers,
    IHostEnvironment? environment = null)
    : IKegTotpManager<TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>, IKegUserTotp
    where TAttempt : class, IKegAttempt, new()
{
    private readonly ILogger _log = loggers.CreateLogger(KegSignInLog.Category);

    public async Task<KegTotpState?> GetStateAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var user = await users.GetAsync(httpContext.User, httpContext.RequestAborted).ConfigureAwait(false);
        return user is null ? null : new KegTotpState(user.TotpEnabled, !user.TotpEnabled && user.TotpSecret is not null, KegRecoveryCodes.Count(user.TotpRecoveryCodes));
    }

    public async Task<KegTotpChangeResult> BeginAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var user = await users.GetAsync(httpContext.User, httpContext.RequestAborted).ConfigureAwait(false);
        if (user is null)
        {
            return KegTotpChangeStatus.NotSignedIn;
        }

        if (user.TotpEnabled)
        {
            return KegTotpChangeStatus.AlreadyEnabled;
        }

        var enrollment = KegUserTotpSupport.Begin(user, Issuer(), options.Value);
        await users.Context.SaveChangesAsync(httpContext.RequestAborted).ConfigureAwait(false);
        return new KegTotpChangeResult(KegTotpChangeStatus.Succeeded, Setup(enrollment.Secret, enrollment.Uri));
    }

    public async Task<KegTotpSetup?> GetPendingSetupAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var user = await users.GetAsync(httpContext.User, httpContext.RequestAborted).ConfigureAwait(false);
        if (user is null || user.TotpEnabled || user.TotpSecret is null)
        {
            return null;
        }

        byte[]? secret;
        try
        {
            secret = options.Value.TotpProtector.Unprotect(user.TotpSecret);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            secret = null;
        }

        if (secret is null)
        {
            return null;
        }

        try
        {
            return Setup(KegTotp.EncodeSecret(secret), KegTotp.OtpAuthUri(Issuer(), user.LoginId, secret));
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(secret);
        }
    }

    public async Task<KegTotpChangeResult> ConfirmAsync(HttpContext httpContext, string? code)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var result = await ConfirmCoreAsync(httpContext, code).ConfigureAwait(false);
        telemetry.Change(KegSecondFactorTelemetry.Enabled, Outcome(result.Status));
        return result;
    }

    private async Task<KegTotpChangeResult> ConfirmCoreAsync(HttpContext httpContext, string? code)
    {
        var user = await users.GetAsync(httpContext.User, httpContext.RequestAborted).ConfigureAwait(false);
        if (user is null)
        {
            return KegTotpChangeStatus.NotSignedIn;
        }

        if (user.TotpEnabled)
        {
            return KegTotpChangeStatus.AlreadyEnabled;
        }

        if (user.TotpSecret is null)
        {
            return KegTotpChangeStatus.NoPendingSetup;
        }

        if (!KegUserTotpSupport.Confirm(user, code, options.Value))
        {
            return KegTotpChangeStatus.InvalidCode;
        }

        var codes = KegUserTotpSupport.GenerateRecoveryCodes(user);
        await SaveAndKeepSessionAsync(httpContext, user).ConfigureAwait(false);
        KegSecondFactorLog.Changed(_log, "turned on", fingerprint.Of(user.LoginId));
        return new KegTotpChangeResult(KegTotpChangeStatus.Succeeded, RecoveryCodes: codes);
    }

    public async Task<KegTotpChangeResult> GenerateRecoveryCodesAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var user = await users.GetAsync(httpContext.User, httpContext.RequestAborted).ConfigureAwait(false);
        KegTotpChangeResult result;
        if (user is null)
        {
            result = KegTotpChangeStatus.NotSignedIn;
        }
        else if (!user.TotpEnabled)
        {
            result = KegTotpChangeStatus.NotEnabled;
        }
        else
        {
            var codes = KegUserTotpSupport.GenerateRecoveryCodes(user);
            await users.Context.SaveChangesAsync(httpContext.RequestAborted).ConfigureAwait(false);
            result = new KegTotpChangeResult(KegTotpChangeStatus.Succeeded, RecoveryCodes: codes);
        }

        telemetry.Change(KegSecondFactorTelemetry.RecoveryCodes, Outcome(result.Status));
        return result;
    }

    public async Task<KegTotpChangeResult> DisableAsync(HttpContext httpContext, string? password, string? code)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var result = await DisableCoreAsync(httpContext, password, code).ConfigureAwait(false);
        telemetry.Change(KegSecondFactorTelemetry.Disabled, Outcome(result.Status));
        return result;
    }

    private async Task<KegTotpChangeResult> DisableCoreAsync(HttpContext httpContext, string? password, string? code)
    {
        var cancellationToken = httpContext.RequestAborted;
        var user = await users.GetAsync(httpContext.User, cancellationToken).ConfigureAwait(false);
        if (user is null)
        {
            return KegTotpChangeStatus.NotSignedIn;
        }

        if (!user.TotpEnabled)
        {
            return KegTotpChangeStatus.NotEnabled;
        }

        // Checked as a login is: a stolen session cannot guess its way to turning the second factor off.
        var sourceIp = httpContext.Connection.RemoteIpAddress?.ToString();
        var log = await KegAttempts.LogAttemptAsync<TAttempt>(users.Context, user.LoginId, AttemptType.Login, success: false, sourceIp, cancellationToken).ConfigureAwait(false);
        if (log.IsBlocked)
        {
            KegSecondFactorLog.ChangeRefused(_log, "turning off", "locked out", fingerprint.Of(user.LoginId), sourceIp ?? "-");
            return new KegTotpChangeResult(KegTotpChangeStatus.LockedOut, LockedOutUntilUtc: log.Lockout.BlockedUntilUtc);
        }

        var confirmed = !string.IsNullOrEmpty(password)
            ? KegSignIn<TContext, TUser, TAttempt>.VerifyPassword(user, password, options.Value, out _)
            : await KegUserTotpSupport.VerifyOnceAsync(users.Context.Set<TUser>(), user, code, options.Value, cancellationToken).ConfigureAwait(false);
        if (!confirmed)
        {
            KegSecondFactorLog.ChangeRefused(_log, "turning off", "wrong password or code", fingerprint.Of(user.LoginId), sourceIp ?? "-");
            return KegTotpChangeStatus.InvalidCredentials;
        }

        log.Attempt.Success = true;
        KegUserTotpSupport.Disable(user);
        await SaveAndKeepSessionAsync(httpContext, user).ConfigureAwait(false);
        KegSecondFactorLog.Changed(_log, "turned off", fingerprint.Of(user.LoginId));
        return KegTotpChangeStatus.Succeeded;
    }

    /// <summary>Saves a change that reset the session key, and re-issues this request's cookie (if it has one) with the new key.</summary>
    private async Task SaveAndKeepSessionAsync(HttpContext httpContext, TUser user)
    {
        // Read before the save: the cookie's session key is about to go stale.
        var cookie = httpContext.User.Identities.Any(identity => identity.AuthenticationType == KegAuthSchemes.Cookie)
            ? await httpContext.AuthenticateAsync(KegAuthSchemes.Cookie).ConfigureAwait(false)
            : null;
        await users.Context.SaveChangesAsync(httpContext.RequestAborted).ConfigureAwait(false);
        if (cookie?.Succeeded == true)
        {
            await signIn.SignInAsync(httpContext, user, cookie.Properties?.IsPersistent ?? false).ConfigureAwait(false);

            // The rest of this request (a page showing the new state) is the new session, not the ended one.
            httpContext.User = users.CreatePrincipal(user, KegAuthSchemes.Cookie);
        }
    }

    private string Issuer()
    {
        var issuer = secondFactor.Value.Issuer ?? environment?.ApplicationName;
        return string.IsNullOrWhiteSpace(issuer) ? "KegAuth" : issuer.Replace(':', ' ');
    }

    private static KegTotpSetup Setup(string secret, string uri) => new(secret, uri, KegTotpQrCode.Svg(uri));

    private static string Outcome(KegTotpChangeStatus status) => status switch
    {
        KegTotpChangeStatus.Succeeded => Values.Succeeded,
        KegTotpChangeStatus.LockedOut => Values.LockedOut,
        KegTotpChangeStatus.InvalidCredentials => Values.InvalidCredentials,
        KegTotpChangeStatus.InvalidCode => KegSecondFactorTelemetry.InvalidCode,
        _ => Values.Failed,
    };
}
