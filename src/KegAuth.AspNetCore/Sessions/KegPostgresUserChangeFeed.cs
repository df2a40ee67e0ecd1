using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KegAuth.AspNetCore.Sessions;

/// <summary>PostgreSQL's change feed (LISTEN/NOTIFY). Not built yet: no feed, so nothing is cached.</summary>
internal static class KegPostgresUserChangeFeed
{
    /// <summary>The feed for a PostgreSQL database, or <see langword="null"/>.</summary>
    public static IKegUserChangeFeed? Create<TUser>(DbContext db, DbProviderFactory factory, string connectionString, KegSessionCacheOptions options, TimeProvider time, ILogger log)
        where TUser : class, IKegUser<TUser>
    {
        _ = (db, factory, connectionString, options, time);
        KegSessionCacheLog.NoFeed(log, "the PostgreSQL feed is not available");
        return null;
    }
}
