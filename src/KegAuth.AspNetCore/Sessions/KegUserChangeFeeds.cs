using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace KegAuth.AspNetCore.Sessions;

/// <summary>Chooses the change feed for the app's database, or none (then nothing is cached).</summary>
internal static class KegUserChangeFeeds
{
    /// <summary>The provider names the feeds know.</summary>
    internal const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    internal const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>The feed for <paramref name="db"/>'s database, or <see langword="null"/> (logged with the reason). Never throws.</summary>
    public static IKegUserChangeFeed? Create<TUser>(DbContext db, KegSessionCacheOptions options, TimeProvider time, ILogger log)
        where TUser : class, IKegUser<TUser>
    {
        string reason;
        try
        {
            var provider = db.Database.ProviderName;
            var connectionString = db.Database.GetConnectionString();
            var connection = db.Database.GetDbConnection();
            var factory = DbProviderFactories.GetFactory(connection);
            if (factory is null || string.IsNullOrEmpty(connectionString))
            {
                reason = "the context has no connection string to open a feed connection with";
            }
            else if (provider == SqliteProvider)
            {
                if (KegSqliteUserChangeFeed.IsFile(factory, connectionString))
                {
                    return new KegSqliteUserChangeFeed(factory, connectionString);
                }

                reason = "an in-memory SQLite database has no change feed";
            }
            else if (provider == PostgresProvider)
            {
                return KegPostgresUserChangeFeed.Create<TUser>(db, factory, connectionString, options, time, log);
            }
            else
            {
                reason = $"no change feed for the provider '{provider}'";
            }
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or DbException or NotSupportedException)
        {
            reason = "the database could not be inspected (" + exception.GetType().Name + ")";
        }

        KegSessionCacheLog.NoFeed(log, reason);
        return null;
    }
}
