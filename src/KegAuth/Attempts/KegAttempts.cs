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

    /// <summary>The longest stored <see cref="IKegAttempt.SourceIp"/>.</summary>
    private const int MaxSourceIpLength = 50;

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
    /// is blocked, by keg-auth's rules (see <see cref="GetLockoutAsync{TAttempt}"/>).
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
    /// Whether an attempt made now is blocked, and until when, by keg-auth's rules. Attempts made during
    /// a lockout never count. A user's counter (attempts whose <see cref="IKegAttempt.UserInput"/> is
    /// <paramref name="userInput"/>) counts failed logins and failed forgot-password requests after that
    /// user's newest success, and every reset attempt. With <see cref="KegLockoutOptions.LimitBySourceIp"/>
    /// and a <paramref name="sourceIp"/>, the address has a counter of its own (failed logins and every
    /// forgot and reset request from it, whatever login id they named; no success restarts it) against
    /// <see cref="KegLockoutPolicy.SourceIpLimit"/>. A counter that reached its limit within
    /// <see cref="KegLockoutPolicy.Timespan"/> ending at its newest counting attempt blocks until
    /// <see cref="KegLockoutPolicy.LockoutPeriod"/> after that attempt (inclusive). An attempt dated after
    /// now (another node's clock running ahead) counts as made now. Nothing is blocked when
    /// <see cref="KegLockoutOptions.Enabled"/> is off.
    /// </summary>
    /// <typeparam name="TAttempt">The attempt type.</typeparam>
    /// <param name="db">The context, configured with UseKegAuth (clock and <see cref="KegAuthOptions.Lockout"/>).</param>
    /// <param name="userInput">
    /// The counter's key: pass one canonical key per account (the user's login id, or the normalised input
    /// when no user matches), so that case variants of one login id share a count. Cut to
    /// <see cref="MaxUserInputLength"/> characters, with NUL characters replaced, as when logged.
    /// </param>
    /// <param name="attemptType">The kind of attempt; each kind has its own policy and counts.</param>
    /// <param name="sourceIp">The client's IP; with <see cref="KegLockoutOptions.LimitBySourceIp"/>, its own counter is checked too.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
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
        if (!options.Lockout.Enabled)
        {
            return KegLockout.Open;
        }

        var policy = options.Lockout.For(attemptType);
        var now = options.UtcNow;
        var input = CutUserInput(userInput);
        var counting = Counting<TAttempt>(db, attemptType, LockoutRule.Horizon(policy, now));

        // A user's logins and forgot requests count only failures after the user's own newest success.
        var restarts = attemptType != AttemptType.Reset;
        var user = await EvaluateAsync(counting.Where(a => a.UserInput == input), restarts, policy.Limit, policy, now, cancellationToken).ConfigureAwait(false);
        var address = CutSourceIp(sourceIp);
        if (!options.Lockout.LimitBySourceIp || string.IsNullOrEmpty(address))
        {
            return user;
        }

        // The address's own counter: no success restarts it; a successful login does not count.
        var fromAddress = counting.Where(a => a.SourceIp == address);
        if (attemptType == AttemptType.Login)
        {
            fromAddress = fromAddress.Where(a => !a.Success);
        }

        var limit = policy.SourceIpLimit ?? policy.Limit;
        var byAddress = await EvaluateAsync(fromAddress, successRestarts: false, limit, policy, now, cancellationToken).ConfigureAwait(false);
        return LockoutRule.Combine(user, byAddress);
    }

    /// <summary>
    /// Checks the lockout, then adds and saves an attempt (keg-auth <c>check_blocking</c> and
    /// <c>log_attempt</c>), as one step per counter: parallel attempts on one counter are checked and
    /// stored one at a time (see <see cref="GetLockoutAsync{TAttempt}"/> for the counters), so a burst of
    /// guesses cannot all pass on the same count. When blocked, the attempt is saved as failed and
    /// <see cref="IKegAttempt.IsDuringLockout"/>, so it does not prolong the lockout. Calls
    /// <c>SaveChangesAsync</c>, which also saves any other pending changes of the context; runs in its own
    /// transaction unless the context already has one.
    /// </summary>
    /// <typeparam name="TAttempt">The attempt type.</typeparam>
    /// <param name="db">The context, configured with UseKegAuth.</param>
    /// <param name="userInput">
    /// The counter's key, stored as <see cref="IKegAttempt.UserInput"/>: one canonical key per account
    /// (see <see cref="GetLockoutAsync{TAttempt}"/>). Cut to <see cref="MaxUserInputLength"/> characters;
    /// a NUL character (which PostgreSQL text cannot hold) is stored as U+FFFD.
    /// </param>
    /// <param name="attemptType">The kind of attempt.</param>
    /// <param name="success">
    /// Whether it succeeded. keg-auth logs a login as failed before checking the password, then marks it
    /// successful: set <see cref="IKegAttempt.Success"/> on the returned attempt and save, in the same way.
    /// </param>
    /// <param name="sourceIp">The client's IP (at most 50 characters stored), stored and, with <see cref="KegLockoutOptions.LimitBySourceIp"/>, counted.</param>
    /// <param name="cancellationToken">Cancels the query and the save.</param>
    /// <returns>The saved attempt and the lockout it was judged under; when blocked, stop before checking any password or token.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="db"/> or <paramref name="userInput"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The context was not configured with UseKegAuth.</exception>
    public static Task<KegAttemptLog<TAttempt>> LogAttemptAsync<TAttempt>(
        DbContext db,
        string userInput,
        AttemptType attemptType,
        bool success,
        string? sourceIp = null,
        CancellationToken cancellationToken = default)
        where TAttempt : class, IKegAttempt, new()
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(userInput);
        var options = KegAuthContextOptions.Get(db);
        var input = CutUserInput(userInput);
        var address = CutSourceIp(sourceIp);
        // Stryker disable once all : the lock keys only decide which attempts wait for each other. SQLite, the mutation run's database, serialises every writer anyway; the PostgreSQL twin of Parallel_failures_over_many_names_from_one_address_stop_at_the_address_limit fails without the address key
        string[] counters = options.Lockout.LimitBySourceIp && !string.IsNullOrEmpty(address)
            ? [$"{attemptType}:user:{input}", $"{attemptType}:address:{address}"]
            : [$"{attemptType}:user:{input}"];
        return AttemptCriticalSection.RunAsync(
            db,
            counters,
            async token =>
            {
                var lockout = await GetLockoutAsync<TAttempt>(db, input, attemptType, address, token).ConfigureAwait(false);
                var attempt = new TAttempt
                {
                    UserInput = input,
                    DatetimeUtc = options.UtcNow,
                    AttemptType = attemptType,
                    Success = success && !lockout.IsBlocked,
                    IsDuringLockout = lockout.IsBlocked,
                    SourceIp = address,
                };
                var entry = db.Set<TAttempt>().Add(attempt);
                try
                {
                    await db.SaveChangesAsync(token).ConfigureAwait(false);
                }
                catch
                {
                    // Not stored: a retry (or the caller's next save) must not insert it after all.
                    entry.State = EntityState.Detached;
                    throw;
                }

                return new KegAttemptLog<TAttempt>(attempt, lockout);
            },
            cancellationToken);
    }

    /// <summary>The attempts of a type that can count: not made during a lockout, newer than the horizon.</summary>
    private static IQueryable<TAttempt> Counting<TAttempt>(DbContext db, AttemptType attemptType, DateTime horizon)
        where TAttempt : class, IKegAttempt
    {
        var type = (AttemptType?)attemptType;
        // Stryker disable once Equality : an attempt exactly at the horizon cannot change a verdict (its window would end a lockout period before now), so > and >= agree
        return db.Set<TAttempt>().Where(a => a.AttemptType == type && !a.IsDuringLockout && a.DatetimeUtc > horizon);
    }

    /// <summary>Reads a counter's newest <paramref name="limit"/> rows (all a lockout needs) and judges them.</summary>
    private static async Task<KegLockout> EvaluateAsync<TAttempt>(
        IQueryable<TAttempt> rows,
        bool successRestarts,
        int limit,
        KegLockoutPolicy policy,
        DateTime now,
        CancellationToken cancellationToken)
        where TAttempt : class, IKegAttempt
    {
        var newest = await rows
            .OrderByDescending(a => a.DatetimeUtc)
            .Take(limit)
            .Select(a => new LockoutRule.Row(a.DatetimeUtc, a.Success))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        return LockoutRule.Evaluate(newest, successRestarts, limit, policy, now);
    }

    // Stryker disable once Equality : at exactly the limit, cutting to the limit returns the same text
    private static string? CutSourceIp(string? sourceIp)
        => sourceIp is { Length: > MaxSourceIpLength } ? sourceIp[..MaxSourceIpLength] : sourceIp;

    /// <summary>
    /// Cuts input to the column's length, so that what is counted is what is stored (never splitting a
    /// surrogate pair), and replaces what PostgreSQL text cannot store: NUL, and a surrogate without its
    /// pair (no UTF-8 encoding exists for it; the insert would fail).
    /// </summary>
    private static string CutUserInput(string userInput)
    {
        if (userInput.Contains('\0', StringComparison.Ordinal))
        {
            userInput = userInput.Replace('\0', '\uFFFD');
        }

        if (userInput.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0)
        {
            userInput = ReplaceLoneSurrogates(userInput);
        }

        // Stryker disable once Equality : at exactly the limit the cut keeps every character (the last one is never half a pair here)
        if (userInput.Length <= MaxUserInputLength)
        {
            return userInput;
        }

        var length = char.IsHighSurrogate(userInput[MaxUserInputLength - 1]) ? MaxUserInputLength - 1 : MaxUserInputLength;
        return userInput[..length];
    }

    private static string ReplaceLoneSurrogates(string text)
    {
        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]))
            {
                chars[i] = '\uFFFD';
            }
        }

        return new string(chars);
    }
}
