using System.Diagnostics;
using KegAuth.AspNetCore.Sessions;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>
/// <see cref="KegUserChangeFeed"/>'s install API: idempotent, on the table the EF model maps (a
/// schema whose name needs quoting in identifiers and in string literals, snake_case names), enabled
/// for every session replication role, with a comment naming the watched columns; a no-op on SQLite.
/// </summary>
[Collection(PostgresWebCollection.Name)]
public sealed class UserChangeFeedInstallTests(PostgresWebFixture postgres)
{
    /// <summary>A schema name that needs quoting, double and single quotes included.</summary>
    private const string Schema = "Keg \"Auth's\"";

    [Fact]
    public async Task Installing_twice_leaves_one_enabled_trigger_on_the_mapped_table_in_its_schema_and_the_feed_follows_it()
    {
        using var database = new PostgresWebDatabase(postgres.Server);
        await using var db = SchemaContext(database);
        await db.Database.EnsureCreatedAsync();

        await KegUserChangeFeed.InstallAsync<WebUser>(db);
        await KegUserChangeFeed.InstallAsync<WebUser>(db);

        var connectionString = db.Database.GetConnectionString()!;
        const string table = "'\"Keg \"\"Auth''s\"\"\".\"users\"'";
        Assert.Equal("A", await ScalarAsync(connectionString, $"SELECT string_agg(tgenabled::text, ',') FROM pg_trigger WHERE tgrelid = to_regclass({table}) AND tgname = 'keg_auth_user_changes'"));
        Assert.Equal(1L, await ScalarAsync(connectionString, "SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.proname = 'keg_auth_notify_user_change' AND n.nspname = 'Keg \"Auth''s\"'"));

        // The trigger's comment names the columns it watches, sorted, so any build of the same model installs the same one.
        Assert.Equal(
            await ScalarAsync(connectionString, $"SELECT 'kegauth user change feed; columns: ' || string_agg(attname, ',' ORDER BY attname COLLATE \"C\") FROM pg_attribute WHERE attrelid = to_regclass({table}) AND attnum > 0 AND NOT attisdropped AND attname <> 'last_login_utc'"),
            await ScalarAsync(connectionString, $"SELECT obj_description(oid, 'pg_trigger') FROM pg_trigger WHERE tgrelid = to_regclass({table}) AND tgname = 'keg_auth_user_changes'"));

        db.Users.Add(new WebUser { Email = "ada@example.com" });
        await db.SaveChangesAsync();
        using var feed = KegPostgresUserChangeFeed.Create<WebUser>(
            db, NpgsqlFactory.Instance, connectionString, new KegSessionCacheOptions { FeedHeartbeat = TimeSpan.FromMilliseconds(200) }, TimeProvider.System, NullLogger.Instance)!;
        var before = await WaitForStampAsync(feed, _ => true, "the feed on the schema's table to vouch");
        await ScalarAsync(connectionString, "UPDATE \"Keg \"\"Auth's\"\"\".users SET is_enabled = false");
        await WaitForStampAsync(feed, stamp => stamp > before, "the notification from the schema's table");
    }

    [Fact]
    public void The_install_sql_names_the_mapped_table_quoted_and_qualified()
    {
        using var database = new PostgresWebDatabase(postgres.Server);
        using var db = SchemaContext(database);

        var sql = KegUserChangeFeed.PostgresInstallSql<WebUser>(db);

        Assert.Matches("CREATE TRIGGER keg_auth_user_changes AFTER UPDATE OF [^;]*\"session_key\"[^;]* OR DELETE OR TRUNCATE ON \"Keg \"\"Auth's\"\"\".\"users\" FOR EACH STATEMENT", sql);
        Assert.DoesNotContain("last_login_utc", sql, StringComparison.Ordinal);
        Assert.Contains("COMMENT ON TRIGGER keg_auth_user_changes", sql, StringComparison.Ordinal);
        Assert.Contains("CREATE OR REPLACE FUNCTION \"Keg \"\"Auth's\"\"\".\"keg_auth_notify_user_change\"()", sql, StringComparison.Ordinal);
        Assert.Contains("pg_catalog.pg_notify('keg_auth_user_changes', '')", sql, StringComparison.Ordinal);
        Assert.Contains("ENABLE ALWAYS TRIGGER keg_auth_user_changes", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_SQLite_installing_does_nothing()
    {
        using var database = new SqliteWebDatabase();
        await using var db = PostgresFeedHarness.Context(database);
        await db.Database.EnsureCreatedAsync();

        await KegUserChangeFeed.InstallAsync<WebUser>(db);

        Assert.Equal(0, await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'trigger'").SingleAsync());
    }

    private static SchemaWebContext SchemaContext(WebDatabase database)
    {
        var options = new DbContextOptionsBuilder<SchemaWebContext>();
        database.UseProvider(options);
        options.UseSnakeCaseNamingConvention();
        options.UseKegAuth(new KegAuthOptions { SecretKey = TestWebApp.SecretKey, PasswordWorkFactor = 4 });
        return new SchemaWebContext(options.Options);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    private static async Task<long> WaitForStampAsync(IKegUserChangeFeed feed, Func<long, bool> condition, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (feed.Stamp() is { } stamp && condition(stamp))
            {
                return stamp;
            }

            Assert.True(stopwatch.Elapsed < PostgresFeedHarness.Deadline, $"Waited {PostgresFeedHarness.Deadline.TotalSeconds} s for {what}.");
            await Task.Delay(5);
        }
    }

    /// <summary>The test app's users in a schema of their own, with snake_case names.</summary>
    private sealed class SchemaWebContext(DbContextOptions<SchemaWebContext> options) : DbContext(options)
    {
        public DbSet<WebUser> Users => Set<WebUser>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.HasDefaultSchema(Schema);
    }
}
