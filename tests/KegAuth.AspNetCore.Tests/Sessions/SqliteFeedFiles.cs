using Microsoft.Data.Sqlite;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>Real SQLite files for the feed tests: a new WAL database in a folder, and one statement on its own connection.</summary>
internal static class SqliteFeedFiles
{
    /// <summary>A new database with one table <c>t</c> in <paramref name="folder"/>; its unpooled connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string folder)
    {
        var connectionString = $"Data Source={Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db")};Pooling=False";
        await ExecuteAsync(connectionString, "PRAGMA journal_mode=WAL; CREATE TABLE t (x INTEGER)");
        return connectionString;
    }

    /// <summary>Runs <paramref name="sql"/> on a connection of its own, as another process would.</summary>
    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
