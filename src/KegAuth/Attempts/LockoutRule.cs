namespace KegAuth;

/// <summary>
/// keg-auth's <c>is_attempt_blocked</c>, over the few newest attempts that one query returns for one
/// counter (a user's or an address's).
/// </summary>
internal static class LockoutRule
{
    /// <summary>One attempt as the rule sees it.</summary>
    /// <param name="DatetimeUtc">When it was made.</param>
    /// <param name="Success">Whether it succeeded.</param>
    public readonly record struct Row(DateTime DatetimeUtc, bool Success);

    /// <summary>
    /// How far back rows can matter: a lockout that began earlier has ended, and attempts older than
    /// its counting window did not start it.
    /// </summary>
    public static DateTime Horizon(KegLockoutPolicy policy, DateTime utcNow) => utcNow - policy.Timespan - policy.LockoutPeriod;

    /// <summary>Judges an attempt at <paramref name="utcNow"/> against one counter.</summary>
    /// <param name="newestFirst">
    /// The <paramref name="limit"/> newest attempts of the counter that were not made during a lockout,
    /// newest first, no older than <see cref="Horizon"/>. Every row counts, except that with
    /// <paramref name="successRestarts"/> a success ends the count: only failures after it count.
    /// </param>
    /// <param name="successRestarts">
    /// keg-auth's rule for a user's logins and forgot-password requests: failures after the newest
    /// success count. Without it (reset attempts, an address's counter) every row given counts.
    /// </param>
    /// <param name="limit">How many counting attempts within <see cref="KegLockoutPolicy.Timespan"/> lock out.</param>
    /// <param name="policy">The window and the lockout period.</param>
    /// <param name="utcNow">The current time.</param>
    public static KegLockout Evaluate(IReadOnlyList<Row> newestFirst, bool successRestarts, int limit, KegLockoutPolicy policy, DateTime utcNow)
    {
        var limiting = new List<DateTime>(limit);
        foreach (var row in newestFirst)
        {
            // A row dated after now (another node's clock runs ahead) counts as made now: it must
            // neither escape the count nor push the lockout's end beyond the skew.
            // Stryker disable once Equality : at exactly now both branches give now
            var time = row.DatetimeUtc > utcNow ? utcNow : row.DatetimeUtc;
            if (successRestarts && row.Success)
            {
                // keg-auth counts only failures strictly after the newest success.
                limiting.RemoveAll(failure => failure <= time);
                break;
            }

            limiting.Add(time);
        }

        // A lockout needs `limit` counting attempts within the timespan ending at the newest of them
        // (keg-auth counts them up to its last limiting attempt). The rows are the newest `limit`, so
        // that is: all of them, the oldest still inside the window. Attempts only ever get older, so
        // the count up to now can never reach the limit when this one did not.
        if (limiting.Count < limit)
        {
            return KegLockout.Open;
        }

        var last = limiting[0];
        if (limiting[limit - 1] <= last - policy.Timespan)
        {
            return KegLockout.Open;
        }

        var until = last + policy.LockoutPeriod;
        return utcNow <= until ? new KegLockout(true, until) : KegLockout.Open;
    }

    /// <summary>Blocked when either counter is; until the later of their ends.</summary>
    public static KegLockout Combine(KegLockout first, KegLockout second) => (first.IsBlocked, second.IsBlocked) switch
    {
        // Stryker disable once Equality : two blocked lockouts with the same end are equal records
        (true, true) => first.BlockedUntilUtc >= second.BlockedUntilUtc ? first : second,
        (true, false) => first,
        _ => second,
    };
}
