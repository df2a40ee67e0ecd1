using KegAuth.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Sessions;

/// <summary>
/// The node's cache of validated sessions (<see cref="KegSessionCacheOptions"/>). A request opens it
/// (<see cref="Open"/>) before it reads the database: the generation it gets holds only what was read
/// after every user write the feed and this process have reported, and the request adds what it reads
/// to that same generation, so a read that raced a write lands where nobody looks again.
/// </summary>
/// <typeparam name="TContext">The app's context.</typeparam>
/// <typeparam name="TUser">The user type.</typeparam>
internal sealed class KegSessionCache<TContext, TUser> : IDisposable
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
{
    private const int FeedUnknown = 0, FeedIsUp = 1, FeedIsDown = 2;

    private readonly KegSessionCacheOptions _options;
    private readonly TimeProvider _time;
    private readonly KegUserWrites _writes;
    private readonly ILogger _log;
    private readonly Lock _feedLock = new();
    private IKegUserChangeFeed? _feed;
    private bool _feedChosen;
    private int _feedState = FeedUnknown;
    private KegSessionCacheGeneration<TUser>? _current;

    /// <summary>Reads the options once.</summary>
    public KegSessionCache(IOptions<KegSessionCacheOptions> options, IOptions<KegAuthOptions> kegAuth, ILoggerFactory loggers)
    {
        _options = options.Value;
        _time = kegAuth.Value.TimeProvider;
        _writes = kegAuth.Value.UserWrites;
        _log = loggers.CreateLogger(KegSessionCacheLog.Category);
        _feedChosen = !_options.Enabled;
    }

    /// <summary>The feed the cache follows, once chosen; for tests and diagnostics.</summary>
    internal IKegUserChangeFeed? Feed => _feed;

    /// <summary>Follows <paramref name="feed"/> instead of the one the database would give; for tests.</summary>
    internal void UseFeed(IKegUserChangeFeed feed)
    {
        lock (_feedLock)
        {
            _feed?.Dispose();
            _feed = feed;
            _feedChosen = true;
            _current = null;
        }
    }

    /// <summary>
    /// The generation a request may read and add to, or <see langword="null"/> when nothing may be served
    /// now (caching off, no feed for this database, the feed down, a transaction open on the context).
    /// Never throws.
    /// </summary>
    /// <param name="db">The request's context; the first call learns the database from it.</param>
    public KegSessionCacheGeneration<TUser>? Open(TContext db)
    {
        // Stryker disable once Conditional : the lock-free way in; ChooseFeed gives the same feed under its lock.
        var feed = _feedChosen ? _feed : ChooseFeed(db);
        if (feed is null || db.Database.CurrentTransaction is not null)
        {
            // In the app's transaction a read may see a snapshot older than the stamp (REPEATABLE READ,
            // a SQLite read transaction) and would cache the old row under it: read, never cache.
            return null;
        }

        // The app's own count first: a save that returns after this read is caught by the next request.
        var local = _writes.Version;
        var stamp = feed.Stamp();
        if (stamp is not { } feedStamp)
        {
            // Nothing is served now; what is held stays, because a feed moves its stamp when it comes back (IKegUserChangeFeed).
            FeedState(up: false, feed);
            return null;
        }

        FeedState(up: true, feed);
        var current = Volatile.Read(ref _current);
        if (current is null || current.FeedStamp != feedStamp || current.LocalStamp != local || current.IsFull)
        {
            // Racing requests may each install one; any generation whose stamps match is sound.
            current = new KegSessionCacheGeneration<TUser>(feedStamp, local, _options.SizeLimit);
            Volatile.Write(ref _current, current);
        }

        return current;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_feedLock)
        {
            _feedChosen = true;
            _feed?.Dispose();
            _feed = null;
        }
    }

    private IKegUserChangeFeed? ChooseFeed(TContext db)
    {
        lock (_feedLock)
        {
            if (!_feedChosen)
            {
                _feed = KegUserChangeFeeds.Create<TUser>(db, _options, _time, _log);
                _feedChosen = true;
            }

            return _feed;
        }
    }

    /// <summary>Logs the feed's first state and each change of it, once per change even when requests race.</summary>
    private void FeedState(bool up, IKegUserChangeFeed feed)
    {
        var state = up ? FeedIsUp : FeedIsDown;

        // A read first: the common case writes nothing shared.
        if (Volatile.Read(ref _feedState) == state || Interlocked.Exchange(ref _feedState, state) == state)
        {
            return;
        }

        if (up)
        {
            KegSessionCacheLog.FeedUp(_log, feed.Name);
        }
        else
        {
            KegSessionCacheLog.FeedDown(_log, feed.Name);
        }
    }
}
