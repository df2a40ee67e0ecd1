namespace KegAuth;

/// <summary>
/// keg-auth's <c>is_attempt_blocked</c>, over the few newest attempts that one query returns.
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

    /// <summary>Judges an attempt at <paramref name="utcNow"/>.</summary>
    /// <param name="newestFirst">
    /// The <see cref="KegLockoutPolicy.Limit"/> newest attempts of the type that were not made during a
    /// lockout and match the user (or IP), newest first, no older than <see cref="Horizon"/>.
    /// </param>
    /// <param name="type">The attempt type: for logins only failures count, and a success restarts the count.</param>
    /// <param name="policy">The limits.</param>
    /// <param name="utcNow">The current time.</param>
    public static KegLockout Evaluate(IReadOnlyList<Row> newestFirst, AttemptType type, KegLockoutPolicy policy, DateTime utcNow)
    {
        // Counting attempts after the newest successful login (keg-auth counts only failures after it).
        var limiting = new List<DateTime>();
        foreach (var row in newestFirst)
        {
            if (type == AttemptType.Login && row.Success)
            {
                limiting.RemoveAll(time => time <= row.DatetimeUtc);
                break;
            }

            limiting.Add(row.DatetimeUtc);
        }

        if (limiting.Count == 0)
        {
            return KegLockout.Open;
        }

        // Did the last limiting attempt bring the count to the limit? Then a lockout runs from it.
        var last = limiting[0];
        if (CountIn(limiting, last - policy.Timespan, last) >= policy.Limit)
        {
            var until = last + policy.LockoutPeriod;
            return utcNow <= until ? new KegLockout(true, until) : KegLockout.Open;
        }

        // Otherwise blocked while the window up to now holds the limit (only with attempts dated after now).
        var inWindow = limiting.Where(time => time > utcNow - policy.Timespan && time <= utcNow).ToList();
        return inWindow.Count >= policy.Limit
            ? new KegLockout(true, inWindow[policy.Limit - 1] + policy.Timespan)
            : KegLockout.Open;
    }

    private static int CountIn(List<DateTime> times, DateTime after, DateTime upTo) => times.Count(time => time > after && time <= upTo);
}
