using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.ApiTokens;

/// <summary>
/// Checks a raw API token against its stored hash. A bcrypt hash (from Python keg-auth) is checked
/// only within <see cref="KegApiTokenOptions.MaxConcurrentLegacyHashChecks"/>, with a bounded queue;
/// the fast hash is checked at once and never waits behind bcrypt.
/// </summary>
/// <remarks>
/// The bound lives here, at the edge, rather than in the runtime's <c>PasswordHash</c>: it is a
/// per-app setting, waiting is asynchronous (a queued request holds no thread), and the handler is
/// the one place where network requests reach a bcrypt token check. Apps that call
/// <c>GetUserForApiTokenAsync</c> themselves get no bound.
/// </remarks>
internal class KegApiTokenHashCheck : IDisposable
{
    private readonly ConcurrencyLimiter _legacy;

    /// <summary>Reads the scheme's options once.</summary>
    public KegApiTokenHashCheck(IOptionsMonitor<KegApiTokenOptions> options)
    {
        var settings = options.Get(KegAuthSchemes.ApiToken);
        _legacy = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = settings.MaxConcurrentLegacyHashChecks,
            QueueLimit = settings.LegacyHashCheckQueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>Whether <paramref name="rawToken"/> matches <paramref name="stored"/>, or <see cref="KegApiTokenHashOutcome.Busy"/> when a bcrypt check found the queue full.</summary>
    /// <exception cref="OperationCanceledException">The request was aborted while waiting.</exception>
    public async ValueTask<KegApiTokenHashOutcome> CheckAsync(PasswordHash stored, string rawToken, CancellationToken cancellationToken)
    {
        if (stored.IsFastTokenHash)
        {
            return Outcome(Verify(stored, rawToken));
        }

        using var lease = await _legacy.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
        return lease.IsAcquired ? Outcome(Verify(stored, rawToken)) : KegApiTokenHashOutcome.Busy;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>The bcrypt checks running and queued, for tests.</summary>
    internal RateLimiterStatistics? LegacyStatistics => _legacy.GetStatistics();

    /// <summary>The hash work itself. Virtual only so tests can count and hold it.</summary>
    internal virtual bool Verify(PasswordHash stored, string rawToken) => stored.Verify(rawToken);

    /// <summary>Releases the limiter.</summary>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _legacy.Dispose();
        }
    }

    private static KegApiTokenHashOutcome Outcome(bool matched) => matched ? KegApiTokenHashOutcome.Matched : KegApiTokenHashOutcome.Mismatched;
}

/// <summary>What a token-hash check found.</summary>
internal enum KegApiTokenHashOutcome
{
    /// <summary>The raw token matches.</summary>
    Matched,

    /// <summary>The raw token does not match.</summary>
    Mismatched,

    /// <summary>A bcrypt check was not run: as many as allowed were running and the queue was full.</summary>
    Busy,
}
