using KegAuth.AspNetCore.Telemetry;
using KegAuth.AspNetCore.Users;
using KegAuth.Telemetry;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Values = KegAuth.Telemetry.KegAuthTelemetryValues;

namespace KegAuth.AspNetCore.Authorization;

/// <summary>
/// Judges <see cref="KegPermissionsRequirement"/> with the user's permission tokens
/// (<see cref="IKegPermissionUser.HasAllPermissionsAsync"/> / <see cref="IKegPermissionUser.HasAnyPermissionAsync"/>).
/// A superuser passes; an inactive user, a principal without a user, or a user type without permissions fails.
/// Every judgement is counted (<c>kegauth.permission.checks</c>); reading the tokens from the database
/// is counted and traced where it happens (<c>kegauth.permission.resolutions</c>, <c>kegauth.permissions.resolve</c>).
/// The tokens come from the node's <see cref="KegPermissionCache"/> under the user's key and current session key.
/// </summary>
internal sealed class KegPermissionsHandler(
    IKegPrincipalUsers users,
    KegPermissionCache cache,
    IOptions<KegAuthOptions> options,
    KegAuthMetrics metrics,
    KegLoginIdFingerprint fingerprint,
    ILoggerFactory loggers)
    : AuthorizationHandler<KegPermissionsRequirement>
{
    /// <summary>Made on the first denial: the handler is scoped, and a granted request logs nothing.</summary>
    private ILogger? _log;

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, KegPermissionsRequirement requirement)
    {
        var denial = await JudgeAsync(context, requirement).ConfigureAwait(false);
        metrics.PermissionCheck(denial is null ? Values.Granted : Values.Denied);
        if (denial is not null && (_log ??= loggers.CreateLogger(KegPermissionLog.Category)).IsEnabled(LogLevel.Debug))
        {
            var loginId = context.User.FindFirst(KegClaimTypes.LoginId)?.Value;
            KegPermissionLog.Denied(_log, denial, requirement.RequireAll ? "all" : "any", string.Join(", ", requirement.Tokens), fingerprint.Of(loginId));
        }
    }

    /// <summary>Succeeds the requirement, or says why not.</summary>
    private async Task<string?> JudgeAsync(AuthorizationHandlerContext context, KegPermissionsRequirement requirement)
    {
        var user = await users.FindUserAsync(context.User, CancellationToken.None).ConfigureAwait(false);
        if (user is null)
        {
            return "no KegAuth user";
        }

        if (!user.IsActiveAt(options.Value.TimeProvider.GetUtcNow().UtcDateTime))
        {
            return "user not active";
        }

        if (user.IsSuperuser)
        {
            context.Succeed(requirement);
            return null;
        }

        if (user is not IKegPermissionUser permissionUser)
        {
            return "user type has no permissions";
        }

        // Keyed by the session key this request read from the database with the user: a rights change
        // resets it, so the next request misses and reads the new tokens.
        var held = await cache.GetOrLoadAsync(
            users.UserType,
            users.KeyOf(user),
            user.SessionKey,
            (User: permissionUser, users.Db),
            static state =>
            {
                // The user may be the session cache's instance, read long ago: its own token cache must not outlive this cache's lifetime.
                state.User.ClearPermissionCache();
                return state.User.GetAllPermissionTokensAsync(state.Db);
            }).ConfigureAwait(false);
        var allowed = requirement.RequireAll ? requirement.Tokens.All(held.Contains) : requirement.Tokens.Any(held.Contains);
        if (!allowed)
        {
            return "permission not held";
        }

        context.Succeed(requirement);
        return null;
    }
}
