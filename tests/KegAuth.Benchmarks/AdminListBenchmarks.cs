using System.Data.Common;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using KegAuth.AspNetCore.UI.Services;
using KegAuth.Benchmarks.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KegAuth.Benchmarks;

/// <summary>Which page of the user list is read.</summary>
public enum AdminListPage
{
    /// <summary>The first page, no search.</summary>
    First,

    /// <summary>The page after the 90,000th login id (keyset: <c>after=user090000</c>).</summary>
    Deep,

    /// <summary>The first page of a prefix search matching 100 users (<c>user0990</c>).</summary>
    Search,
}

/// <summary>
/// Issue 17 item 2: one page (25 rows) of the admin's user list (<c>/auth/users</c>'s query, through
/// <see cref="KegAuthAdminUsers{TContext, TUser}"/> on a fresh context as a request has) on a SQLite file
/// of 100,000 users, against the same page read by a hand-written indexed <c>SELECT ... LIMIT</c>
/// through ADO.NET (the ratio's baseline), and by the same page written with EF against the typed class
/// (EF's own per-query cost). The template file is built once (bulk insert in one transaction) and opened read-only.
/// </summary>
[MemoryDiagnoser]
public class AdminListBenchmarks
{
    /// <summary>Users in the table.</summary>
    public const int Users = 100_000;

    private const int PageSize = 25;

    private string _connectionString = null!;
    private DbContextOptions<BenchContext> _options = null!;

    /// <summary>The page read.</summary>
    [ParamsAllValues]
    public AdminListPage Page { get; set; }

    private string? Search => Page == AdminListPage.Search ? "user0990" : null;

    private string? After => Page == AdminListPage.Deep ? "user090000" : null;

    /// <summary>Builds or finds the template and prints the query plans of both sides.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var template = BenchSetup.SqliteTemplate($"admin-users-{Users}", Seed);
        _connectionString = BenchSetup.ConnectionString(template, readOnly: true);

        // Built once, as an app's DI builds them once; each call still gets a fresh context, as each request does.
        _options = BenchSetup.Sqlite(_connectionString);
        PrintPlans();
    }

    /// <summary>The hand-written keyset page over the login id's unique index.</summary>
    [Benchmark(Baseline = true)]
    public async Task<int> RawSelect()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = RawCommand(connection, Search, After);
        var rows = 0;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            _ = reader.GetInt32(0);
            _ = reader.GetString(1);
            rows++;
        }

        return rows;
    }

    /// <summary>The admin page's query.</summary>
    [Benchmark]
    public async Task<int> AdminUsersList()
    {
        await using var db = new BenchContext(_options);
        var page = await new KegAuthAdminUsers<BenchContext, BenchUser>(db).ListAsync(Search, After, PageSize, CancellationToken.None);
        return page.Rows.Count;
    }

    /// <summary>
    /// The same page written the obvious way in EF against the typed class (what an app would write by
    /// hand): EF's own cost per query on a fresh context, to tell it from the admin's.
    /// </summary>
    [Benchmark]
    public async Task<int> EfTypedList()
    {
        await using var db = new BenchContext(_options);
        var query = db.Users.AsNoTracking();
        if (Search is { } search)
        {
            var upper = search[..^1] + (char)(search[^1] + 1);
            query = query.Where(u => string.Compare(u.Username, search) >= 0 && string.Compare(u.Username, upper) < 0);
        }

        if (After is { } after)
        {
            query = query.Where(u => string.Compare(u.Username, after) > 0);
        }

        var rows = await query.OrderBy(u => u.Username).Take(PageSize + 1)
            .Select(u => new { u.Id, u.Username, u.IsEnabled, u.IsSuperuser, u.LastLoginUtc })
            .ToListAsync();
        return Math.Min(rows.Count, PageSize);
    }

    /// <summary>The baseline's SQL: the same columns, filter, order and limit (page size + 1, to know whether another page follows).</summary>
    internal static DbCommand RawCommand(DbConnection connection, string? search, string? after)
    {
        var command = connection.CreateCommand();
        var where = new List<string>();
        if (search is not null)
        {
            // A range on the index: what a prefix search can be written as by hand.
            where.Add("\"Username\" >= @search AND \"Username\" < @searchEnd");
            Add(command, "@search", search);
            Add(command, "@searchEnd", search[..^1] + (char)(search[^1] + 1));
        }

        if (after is not null)
        {
            where.Add("\"Username\" > @after");
            Add(command, "@after", after);
        }

        command.CommandText = "SELECT \"Id\", \"Username\", \"IsEnabled\", \"IsSuperuser\", \"LastLoginUtc\" FROM \"Users\""
                              + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
                              + " ORDER BY \"Username\" LIMIT " + (PageSize + 1).ToString(CultureInfo.InvariantCulture);
        return command;

        static void Add(DbCommand command, string name, string value)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }

    /// <summary>100,000 users named <c>user000001</c>.. in one transaction, one prepared command.</summary>
    private static void Seed(string connectionString)
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO \"Users\" (\"Id\", \"Username\", \"SessionKey\", \"IsEnabled\", \"IsSuperuser\") VALUES (@id, @name, @session, @enabled, 0)";
        var id = command.Parameters.Add("@id", SqliteType.Integer);
        var name = command.Parameters.Add("@name", SqliteType.Text);
        var session = command.Parameters.Add("@session", SqliteType.Text);
        var enabled = command.Parameters.Add("@enabled", SqliteType.Integer);
        for (var i = 1; i <= Users; i++)
        {
            id.Value = i;
            name.Value = "user" + i.ToString("D6", CultureInfo.InvariantCulture);
            session.Value = Guid.NewGuid().ToString("N");
            enabled.Value = i % 7 == 0 ? 0 : 1;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Prints <c>EXPLAIN QUERY PLAN</c> of the SQL EF sends for this page and of the baseline's, so the run shows which index each uses.</summary>
    private void PrintPlans()
    {
        var capture = new CommandCapture();
        var options = new DbContextOptionsBuilder<BenchContext>(BenchSetup.Sqlite(_connectionString)).AddInterceptors(capture).Options;
        using (var db = new BenchContext(options))
        {
            new KegAuthAdminUsers<BenchContext, BenchUser>(db).ListAsync(Search, After, PageSize, CancellationToken.None).GetAwaiter().GetResult();
        }

        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Console.WriteLine($"// {Page}: EF's SQL: {capture.Sql!.ReplaceLineEndings(" ")}");
        Console.WriteLine($"// {Page}: EF's plan: {Explain(connection, capture.Sql!, capture.Parameters)}");
        using var raw = RawCommand(connection, Search, After);
        Console.WriteLine($"// {Page}: baseline's plan: {Explain(connection, raw.CommandText, raw.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)).ToList())}");
    }

    private static string Explain(SqliteConnection connection, string sql, IReadOnlyList<(string Name, object? Value)> parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        using var reader = command.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
        {
            steps.Add(reader.GetString(3));
        }

        return string.Join(" | ", steps);
    }

    /// <summary>Keeps the last command EF sends, with its parameters.</summary>
    private sealed class CommandCapture : DbCommandInterceptor
    {
        public string? Sql { get; private set; }

        public List<(string Name, object? Value)> Parameters { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Sql = command.CommandText;
            Parameters.Clear();
            Parameters.AddRange(command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value)));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
