namespace KegAuth.AspNetCore;

/// <summary>
/// The node-local cache of validated sessions that lets a cookie or API-token request skip its database
/// read while revocation still takes effect on the next request. An entry holds the user as read for a
/// session key (or an API token's login id); it is served only while the database's change feed vouches
/// that no user row changed since it was read, and the user's active state is re-checked in memory on
/// every request, so a disabled-by-date user ends on time. Any change to any user row, from any node,
/// process or tool (Python keg-auth, raw SQL, <c>ExecuteUpdate</c>), empties the cache.
/// The feed: on SQLite (a file), <c>PRAGMA data_version</c> on a connection the node holds; on
/// PostgreSQL, a <c>LISTEN</c> connection and the trigger <c>KegUserChangeFeed</c> installs. Without a
/// feed (another provider, an in-memory database, the trigger missing, the feed lost) every request
/// reads the database as before. Configure with <c>services.Configure&lt;KegSessionCacheOptions&gt;(...)</c>.
/// </summary>
public sealed class KegSessionCacheOptions
{
    /// <summary>Whether validated sessions are cached when a feed is available. Default <see langword="true"/>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How many sessions and API tokens one node keeps (1 to 10,000,000); a full cache starts again empty. Default 100,000.</summary>
    public int SizeLimit { get; set; } = 100_000;

    /// <summary>
    /// How often a PostgreSQL feed proves its connection alive and its trigger in place. The cache is
    /// trusted only while the last proof is younger than twice this, so a silently broken connection
    /// stops it within that time. From 10 milliseconds to 1 hour; default one second.
    /// </summary>
    public TimeSpan FeedHeartbeat { get; set; } = TimeSpan.FromSeconds(1);
}
