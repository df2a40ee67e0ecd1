using Microsoft.EntityFrameworkCore;

namespace KegAuth.AspNetCore.Telemetry;

/// <summary>
/// Tells whether a failed attempt just stored started a lockout: the attempt was judged open before
/// it was stored, so a lockout now is one it (or a failure racing it) started. One lockout query, run
/// only on a failure path (which has already paid for a password hash) and only when a metric or a
/// log will use the answer.
/// </summary>
internal static class KegLockoutWatch
{
    /// <summary>Whether the counters of <paramref name="attemptKey"/> and <paramref name="sourceIp"/> are blocked now.</summary>
    public static async Task<bool> StartedAsync<TAttempt>(DbContext db, string attemptKey, AttemptType attemptType, string? sourceIp, CancellationToken cancellationToken)
        where TAttempt : class, IKegAttempt
        => (await KegAttempts.GetLockoutAsync<TAttempt>(db, attemptKey, attemptType, sourceIp, cancellationToken).ConfigureAwait(false)).IsBlocked;
}
