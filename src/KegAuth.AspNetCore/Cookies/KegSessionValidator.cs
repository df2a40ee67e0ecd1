using System.Globalization;
using KegAuth.AspNetCore.Sessions;
using KegAuth.AspNetCore.Telemetry;
using KegAuth.AspNetCore.Users;
using KegAuth.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Cookies;

/// <summary>
/// Checks a cookie session against the database: it ends when the user's session key was reset (rights or
/// password changed) or the user is no longer active, disabled by date included. keg-auth trusts a session
/// until its key changes; this also re-checks the active state. The read is served from the node's
/// <see cref="KegSessionCache{TContext, TUser}"/> while the database's change feed vouches for it.
/// A singleton (its logger made once, not per request); the request's <see cref="KegUserStore{TContext, TUser}"/>
/// comes from the request's services.
/// </summary>
internal sealed class KegSessionValidator<TContext, TUser>(
    IOptions<KegAuthOptions> kegAuth,
    IOptions<KegCookieOptions> options,
    KegAuthMetrics metrics,
    KegLoginIdFingerprint fingerprint,
    KegSessionCache<TContext, TUser> cache,
    ILoggerFactory loggers)
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
{
    private readonly ILogger _log = loggers.CreateLogger(KegSessionLog.Category);

    /// <summary>The ticket property holding when the session was last checked (round-trip UTC).</summary>
    internal const string ValidatedItem = ".kegauth.validated";

    /// <summary>Rejects and signs out an ended session; renews the check time when an interval is set.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null)
        {
            return;
        }

        var users = context.HttpContext.RequestServices.GetRequiredService<KegUserStore<TContext, TUser>>();
        var now = UtcNow;
        var interval = options.Value.ValidationInterval;
        if (interval > TimeSpan.Zero && LastValidated(context.Properties) is { } last && now - last < interval)
        {
            metrics.SessionValidation(KegAuthTelemetryValues.Skipped);
            return;
        }

        var sessionKey = KegUserStore<TContext, TUser>.SessionKeyOf(context.Principal);
        var user = string.IsNullOrEmpty(sessionKey)
            ? null
            : await FindAsync(users, sessionKey, now, context.HttpContext.RequestAborted).ConfigureAwait(false);

        if (user is null || !user.IsActiveAt(now))
        {
            // No user holds the cookie's session key any more: it was reset (password, rights, sign-out everywhere) or the user deleted.
            var revoked = user is null;
            metrics.SessionValidation(revoked ? KegAuthTelemetryValues.Revoked : KegAuthTelemetryValues.Inactive);
            if (_log.IsEnabled(LogLevel.Information))
            {
                var loginId = context.Principal.FindFirst(KegClaimTypes.LoginId)?.Value;
                KegSessionLog.Ended(_log, revoked ? "session key reset" : "user not active", fingerprint.Of(loginId));
            }

            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name).ConfigureAwait(false);
            return;
        }

        metrics.SessionValidation(KegAuthTelemetryValues.Valid);
        if (interval > TimeSpan.Zero)
        {
            context.Properties.Items[ValidatedItem] = now.ToString("O", CultureInfo.InvariantCulture);
            context.ShouldRenew = true;
        }
    }

    /// <summary>
    /// The user holding <paramref name="sessionKey"/>: from the node's session cache while the database's
    /// change feed vouches for it, else by one compiled, untracked single-row query (then cached when the
    /// user is active). The user is remembered for the rest of the request, so nothing queries it again.
    /// </summary>
    private async Task<TUser?> FindAsync(KegUserStore<TContext, TUser> users, string sessionKey, DateTime now, CancellationToken cancellationToken)
    {
        var generation = cache.Open(users.Context);
        if (generation?.FindSession(sessionKey) is { } cached)
        {
            metrics.SessionCacheLookup(KegAuthTelemetryValues.Session, KegAuthTelemetryValues.Hit);
            users.RememberShared(cached);
            return cached;
        }

        metrics.SessionCacheLookup(KegAuthTelemetryValues.Session, generation is null ? KegAuthTelemetryValues.Off : KegAuthTelemetryValues.Miss);

        var user = await users.FindSessionAsync(sessionKey, cancellationToken).ConfigureAwait(false);
        if (user is not null && generation is not null && user.IsActiveAt(now) && generation.AddSession(sessionKey, user))
        {
            users.RememberShared(user);
        }
        else if (user is not null)
        {
            users.Remember(user);
        }

        return user;
    }

    /// <summary>Stamps a new session as checked now.</summary>
    public void MarkValidated(AuthenticationProperties properties)
        => properties.Items[ValidatedItem] = UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private DateTime UtcNow => kegAuth.Value.TimeProvider.GetUtcNow().UtcDateTime;

    private static DateTime? LastValidated(AuthenticationProperties properties)
        => properties.Items.TryGetValue(ValidatedItem, out var text)
           && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var value)
            ? value
            : null;
}
