using KegAuth.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace KegAuth;

/// <summary>
/// Login, forgot-password and reset attempts (keg-auth <c>AttemptMixin</c> and the attempt limits of
/// its authenticators): purge, lockout checks and logging. The clock and the limits come from the
/// <see cref="KegAuthOptions"/> the context was configured with by <c>UseKegAuth</c>.
/// </summary>
public static class KegAttempts
{
    /// <summary>The longest stored <see cref="IKegAttempt.UserInput"/>; longer input is cut to this when logged and when counted.</summary>
    public const int MaxUserInputLength = 512;

    /// <summary>
    /// Deletes attempts with one set-based <c>DELETE</c>, loading none (keg-auth <c>purge_attempts</c>).
    /// Filters combine; with none, every attempt is deleted.
    /// </summary>
    /// <typeparam name="TAttempt">The attempt type.</typeparam>
    /// <param name="db">The context.</param>
    /// <param name="username">Only attempts whose <see cref="IKegAttempt.UserInput"/> equals this; null or empty for any (as keg-auth).</param>
    /// <param name="olderThan">Only attempts made more than this long before now (the options' clock); null for any age.</param>
    /// <param name="attemptType">Only attempts of this type; null for any.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>How many rows were deleted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="db"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="olderThan"/> is negative.</exception>
    /// <exception cref="InvalidOperationException"><paramref name="olderThan"/> is given but the context was not configured with UseKegAuth.</exception>
    public static Task<int> PurgeAsync<TAttempt>(
        DbContext db,
        string? username = null,
        TimeSpan? olderThan = null,
        AttemptType? attemptType = null,
        CancellationToken cancellationToken = default)
        where TAttempt : class, IKegAttempt
    {
        ArgumentNullException.ThrowIfNull(db);
        if (olderThan < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(olderThan), olderThan, "The age must not be negative.");
        }

        var attempts = db.Set<TAttempt>().AsQueryable();
        if (!string.IsNullOrEmpty(username))
        {
            attempts = attempts.Where(a => a.UserInput == username);
        }

        if (olderThan is { } age)
        {
            var cutoff = KegAuthContextOptions.Get(db).UtcNow - age;
            attempts = attempts.Where(a => a.DatetimeUtc < cutoff);
        }

        if (attemptType is { } type)
        {
            attempts = attempts.Where(a => a.AttemptType == type);
        }

        return attempts.ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Whether an attempt of <paramref name="attemptType"/> for <paramref name="userInput"/> made now
    /// is blocked, by keg-auth's rules, with one query (see <see cref="GetLockoutAsync{TAttempt}"/>).
    /// </summary>
    /// <inheritdoc cref="GetLockoutAsync{TAttempt}"/>
    public static async Task<bool> IsBlockedAsync<TAttempt>(
        DbContext db,
        string userInput,
        AttemptType attemptType,
        string? sourceIp = null,
        CancellationToken cancellationToken = default)
        where TAttempt : class, IKegAttempt
        => (await GetLockoutAsync<TAttempt>(db, userInput, attemptType, sourceIp, cancellationToken).ConfigureAwait(false)).IsBlocked;

    /// <summary>
    /// Whether an attempt made now is blocked, and until when, by keg-auth's rules with one query.
    /// Attempts made during a lockout never count. Counting attempts are failed logins (only those after
    /// the newest successful login) for <see cref="AttemptType.Login"/>, and every attempt for
    /// <see cref="AttemptType.Forgot"/> and <see cref="AttemptType.Reset"/>. If the newest counting
    /// attempt brought the count within <see cref="KegLockoutPolicy.Timespan"/> before it to
    /// <see cref="KegLockoutPolicy.Limit"/>, attempts are blocked until <see cref="KegLockoutPolicy.LockoutPeriod"/>
    /// after it (inclusive); otherwise they are blocked while the count within the timespan up to now is at the limit.
    /// </summary>
    /// <typeparam name="TAttempt">The attempt type.</typeparam>
    /// <param name="db">The context, configured with UseKegAuth (clock and <see cref="KegAuthOptions.Lockout"/>).</param>
    /// <param name="userInput">The login id the attempt names; cut to <see cref="MaxUserInputLength"/> characters as when logged.</param>
    /// <param name="attemptType">The kind of attempt; each kind has its own policy and count.</param>
    /// <param name="sourceIp">The client's IP; with <see cref="KegLockoutOptions.LimitBySourceIp"/>, attempts from it count whatever username they named.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentNullException"><paramref name="db"/> or <paramref name="userInput"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The context was not configured with UseKegAuth.</exception>
    public static async Task<KegLockout> GetLockoutAsync<TAttempt>(
        DbContext db,
        string userInput,
        AttemptType attemptType,
        string? sourceIp = null,
        CancellationToken cancellationToken = default)
        where TAttempt : class, IKegAttempt
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(userInput);
        var options = KegAuthContextOptions.Get(db);
        var policy = options.Lockout.For(attemptType);
        var now = options.UtcNow;
        var input = CutUserInput(userInput);
        var horizon = LockoutRule.Horizon(policy, now);
        var type = (AttemptType?)attemptType;

        var attempts = db.Set<TAttempt>().Where(a => a.AttemptType == type && !a.IsDuringLockout && a.DatetimeUtc > horizon);
        attempts = options.Lockout.LimitBySourceIp && !string.IsNullOrEmpty(sourceIp)
            ? attempts.Where(a => a.UserInput == input || a.SourceIp == sourceIp)
            : attempts.Where(a => a.UserInput == input);

        // The newest Limit rows decide: a lockout needs Limit counting attempts in a row.
        var rows = await attempts
            .OrderByDescending(a => a.DatetimeUtc)
            .Take(policy.Limit)
            .Select(a => new LockoutRule.Row(a.DatetimeUtc, a.Success))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return LockoutRule.Evaluate(rows, attemptType, policy, now);
    }

    /// <summary>
    /// Checks the lockout, then adds and saves an attempt (keg-auth <c>check_blocking</c> and
    /// <c>log_attempt</c>): when blocked, it is saved as failed and <see cref="IKegAttempt.IsDuringLockout"/>,
    /// so it does not prolong the lockout. Calls <c>SaveChangesAsync</c>, which also saves any other
    /// pending changes of the context.
    /// </summary>
    /// <typeparam name="TAttempt">The attempt type.</typeparam>
    /// <param name="db">The context, configured with UseKegAuth.</param>
    /// <param name="userInput">The login id the attempt names; cut to <see cref="MaxUserInputLength"/> characters.</param>
    /// <param name="attemptType">The kind of attempt.</param>
    /// <param name="success">
    /// Whether it succeeded. keg-auth logs a login as failed before checking the password, then marks it
    /// successful: set <see cref="IKegAttempt.Success"/> on the returned attempt and save, in the same way.
    /// </param>
    /// <param name="sourceIp">The client's IP, stored and, with <see cref="KegLockoutOptions.LimitBySourceIp"/>, counted.</param>
    /// <param name="cancellationToken">Cancels the query and the save.</param>
    /// <returns>The saved attempt and the lockout it was judged under; when blocked, stop before checking any password or token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="db"/> or <paramref name="userInput"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The context was not configured with UseKegAuth.</exception>
    public static async Task<KegAttemptLog<TAttempt>> LogAttemptAsync<TAttempt>(
        DbContext db,
        string userInput,
        AttemptType attemptType,
        bool success,
        string? sourceIp = null,
        CancellationToken cancellationToken = default)
        where TAttempt : class, IKegAttempt, new()
    {
        var lockout = await GetLockoutAsync<TAttempt>(db, userInput, attemptType, sourceIp, cancellationToken).ConfigureAwait(false);
        var attempt = new TAttempt
        {
            UserInput = CutUserInput(userInput),
            DatetimeUtc = KegAuthContextOptions.Get(db).UtcNow,
            AttemptType = attemptType,
            Success = success && !lockout.IsBlocked,
            IsDuringLockout = lockout.IsBlocked,
            SourceIp = sourceIp,
        };
        db.Set<TAttempt>().Add(attempt);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new KegAttemptLog<TAttempt>(attempt, lockout);
    }

    /// <summary>Cuts input to the column's length, so that what is counted is what is stored; never splits a surrogate pair.</summary>
    private static string CutUserInput(string userInput)
    {
        if (userInput.Length <= MaxUserInputLength)
        {
            return userInput;
        }

        var length = char.IsHighSurrogate(userInput[MaxUserInputLength - 1]) ? MaxUserInputLength - 1 : MaxUserInputLength;
        return userInput[..length];
    }
}
