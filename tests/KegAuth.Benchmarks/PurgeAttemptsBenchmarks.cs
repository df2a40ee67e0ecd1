using System.Globalization;
using BenchmarkDotNet.Attributes;
using KegAuth.Benchmarks.Infrastructure;
using Microsoft.Data.Sqlite;

namespace KegAuth.Benchmarks;

/// <summary>Which filter a purge applies.</summary>
public enum PurgeFilter
{
    /// <summary>One username: about 100 rows of every million.</summary>
    Username,

    /// <summary>Older than 30 days: about half the rows.</summary>
    Age,

    /// <summary>The forgot type: about a third of the rows.</summary>
    Type,
}

/// <summary>The seeded attempts, the same on SQLite and PostgreSQL.</summary>
public static class AttemptSeed
{
    /// <summary>Distinct usernames; each has Rows / Usernames attempts.</summary>
    public const int Usernames = 10_000;

    /// <summary>The username purged by <see cref="PurgeFilter.Username"/>.</summary>
    public const string Username = "user42";

    /// <summary>Attempts span this many days before now.</summary>
    public const int Days = 60;

    /// <summary>The age purged by <see cref="PurgeFilter.Age"/>.</summary>
    public static readonly TimeSpan OlderThan = TimeSpan.FromDays(30);

    /// <summary>The stored text of each type, by row number modulo 3.</summary>
    public static readonly string[] TypeTexts = ["login", "forgot", "reset"];

    /// <summary>The values of row <paramref name="i"/> of <paramref name="rows"/>.</summary>
    public static (string UserInput, DateTime DatetimeUtc, string Type, bool Success) Row(int i, int rows) =>
        ("user" + (i % Usernames).ToString(CultureInfo.InvariantCulture),
         BenchSetup.Now.UtcDateTime.AddSeconds(-(long)i * Days * 86_400 / rows),
         TypeTexts[i / 7 % 3],
         i % 5 == 0);

    /// <summary>The cut-off of the age filter, as <c>PurgeAttemptsAsync</c> computes it.</summary>
    public static DateTime Cutoff => BenchSetup.Now.UtcDateTime - OlderThan;
}

/// <summary>
/// Issue 7 item 3: <c>PurgeAttemptsAsync</c> on a SQLite file of 100,000 and 1,000,000 attempts, for
/// each filter, against the same <c>DELETE</c> written by hand through ADO.NET. Each iteration deletes
/// from a fresh copy of a template built once (and kept between runs); the copy is not timed.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class PurgeAttemptsBenchmarks
{
    private string _connectionString = null!;
    private string _template = null!;

    /// <summary>Attempts in the table.</summary>
    [Params(100_000, 1_000_000)]
    public int Rows { get; set; }

    /// <summary>The filter.</summary>
    [ParamsAllValues]
    public PurgeFilter Filter { get; set; }

    /// <summary>Builds or finds the template.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _template = BenchSetup.SqliteTemplate($"attempts-{Rows}", Seed);
    }

    /// <summary>A fresh copy for each iteration.</summary>
    [IterationSetup]
    public void Copy()
    {
        var path = BenchSetup.CopyToWorkFile(_template, "attempts");

        // Unpooled: the file is replaced before the next iteration.
        _connectionString = BenchSetup.ConnectionString(path, pooling: false);
    }

    /// <summary>The hand-written DELETE.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> RawDelete()
    {
        await using var connection = new SqliteConnection(_connectionString);
        return await PurgeAttemptsBenchmarks.RawDeleteAsync(connection, Filter);
    }

    /// <summary>The hand-written DELETE with the same filter, through plain ADO.NET on any provider.</summary>
    internal static async Task<int> RawDeleteAsync(System.Data.Common.DbConnection connection, PurgeFilter filter)
    {
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var (condition, value) = filter switch
        {
            PurgeFilter.Username => ("\"UserInput\" = @p", (object)AttemptSeed.Username),
            PurgeFilter.Age => ("\"DatetimeUtc\" < @p", AttemptSeed.Cutoff),
            _ => ("\"AttemptType\" = @p", "forgot"),
        };
        command.CommandText = "DELETE FROM \"Attempts\" WHERE " + condition;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@p";
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>KegAuth's purge.</summary>
    [Benchmark]
    public async Task<int> PurgeAttemptsAsync()
    {
        await using var db = new BenchContext(BenchSetup.Sqlite(_connectionString));
        return await Purge(db, Filter);
    }

    /// <summary>The purge call for <paramref name="filter"/>.</summary>
    public static Task<int> Purge(BenchContext db, PurgeFilter filter) => filter switch
    {
        PurgeFilter.Username => BenchAttempt.PurgeAttemptsAsync(db, username: AttemptSeed.Username),
        PurgeFilter.Age => BenchAttempt.PurgeAttemptsAsync(db, olderThan: AttemptSeed.OlderThan),
        _ => BenchAttempt.PurgeAttemptsAsync(db, attemptType: AttemptType.Forgot),
    };

    private void Seed(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO "Attempts" ("UserInput", "DatetimeUtc", "AttemptType", "IsDuringLockout", "Success", "SourceIp")
            VALUES (@u, @d, @t, 0, @s, '10.0.0.1')
            """;
        var user = command.Parameters.Add("@u", SqliteType.Text);
        var date = command.Parameters.Add("@d", SqliteType.Text);
        var type = command.Parameters.Add("@t", SqliteType.Text);
        var success = command.Parameters.Add("@s", SqliteType.Integer);
        command.Prepare();
        for (var i = 0; i < Rows; i++)
        {
            var row = AttemptSeed.Row(i, Rows);
            user.Value = row.UserInput;
            date.Value = row.DatetimeUtc;
            type.Value = row.Type;
            success.Value = row.Success;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
