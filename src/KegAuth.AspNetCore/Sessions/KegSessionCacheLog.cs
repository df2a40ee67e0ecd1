using Microsoft.Extensions.Logging;

namespace KegAuth.AspNetCore.Sessions;

/// <summary>
/// The session cache's log events (category <c>KegAuth.AspNetCore.Sessions</c>, ids 1402–1405,
/// docs/telemetry.md). They name the feed, never a session or a user.
/// </summary>
internal static partial class KegSessionCacheLog
{
    /// <summary>The logger category, shared with the cookie sessions' events.</summary>
    public const string Category = Cookies.KegSessionLog.Category;

    [LoggerMessage(EventId = 1402, EventName = "SessionCacheFeedUp", Level = LogLevel.Information,
        Message = "The session cache follows the database's {Feed} change feed; validated sessions are served from memory.")]
    public static partial void FeedUp(ILogger logger, string feed);

    [LoggerMessage(EventId = 1403, EventName = "SessionCacheFeedDown", Level = LogLevel.Warning,
        Message = "The session cache lost the database's {Feed} change feed; every request reads the database until it is back.")]
    public static partial void FeedDown(ILogger logger, string feed);

    [LoggerMessage(EventId = 1404, EventName = "SessionCacheNoFeed", Level = LogLevel.Information,
        Message = "The session cache is off: {Reason}. Every request reads the database.")]
    public static partial void NoFeed(ILogger logger, string reason);

    /// <summary>A feed's connection failed: <paramref name="level"/> Warning for the first failure in a row (a feed that never came up says why), Debug for the retries after it.</summary>
    [LoggerMessage(EventId = 1405, EventName = "SessionCacheFeedRetry",
        Message = "The database's {Feed} change feed failed ({Error}); it tries again in {Delay}.")]
    public static partial void FeedRetry(ILogger logger, LogLevel level, string feed, string error, TimeSpan delay);
}
