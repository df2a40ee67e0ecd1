using System.Data.Common;
using KegAuth.AspNetCore.Tests.Databases;
using KegAuth.AspNetCore.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// The two lookups every authenticated request makes (a cookie's session key, an API token's login id)
/// must stay index lookups however many users the table holds (issue 19, item 3). The benchmark shows the
/// throughput at 1,000 and 1,000,000 users; this shows why it holds, on each database: the plan of the
/// exact SQL EF sends for the compiled queries. A converter or function wrapped around the column (say
/// <c>lower(email) = @p</c>) would turn either into a scan of every user.
/// </summary>
public abstract class RequestLookupPlanTests(Func<WebDatabase> database) : IAsyncLifetime
{
    private readonly WebDatabase _database = database();
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync(_database);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_session_key_lookup_of_every_cookie_request_is_an_index_lookup()
    {
        var id = await _app.AddUserAsync("plan@example.test");
        var sessionKey = await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SessionKey).SingleAsync());

        var (found, command) = await CaptureAsync((db, ct) => KegUserQueries<WebContext, WebUser>.For(db).BySessionKey(db, sessionKey, ct));

        Assert.Equal(id, found?.Id);
        await AssertIndexLookupAsync(command, "SessionKey");
    }

    [Fact]
    public async Task The_login_id_lookup_of_every_api_token_request_is_an_index_lookup()
    {
        var id = await _app.AddUserAsync("token-plan@example.test");

        // Any case: the email converter lowercases the parameter, not the column.
        var (found, command) = await CaptureAsync((db, ct) => KegUserQueries<WebContext, WebUser>.For(db).ByLoginId(db, "Token-Plan@Example.TEST", ct));

        Assert.Equal(id, found?.Id);
        await AssertIndexLookupAsync(command, "Email");
    }

    /// <summary>Asserts the database would answer <paramref name="command"/> from the unique index on <paramref name="column"/> (the test model keeps property names as column names).</summary>
    protected abstract Task AssertIndexLookupAsync(CapturedCommand command, string column);

    /// <summary>Runs <paramref name="query"/> on a context of the app's model that records what it sends.</summary>
    private async Task<(WebUser? Found, CapturedCommand Command)> CaptureAsync(Func<WebContext, CancellationToken, Task<WebUser?>> query)
    {
        var capture = new CommandCapture();
        await using var db = NewContext(capture);
        var found = await query(db, CancellationToken.None);
        return (found, Assert.Single(capture.Commands));
    }

    /// <summary>Runs <c>prefix + command</c> with the command's parameters on a new connection and returns every row's columns joined.</summary>
    protected async Task<List<string>> ExplainAsync(CapturedCommand command, string prefix, string? setup = null)
    {
        await using var db = NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        if (setup is not null)
        {
            await using var set = connection.CreateCommand();
            set.CommandText = setup;
            await set.ExecuteNonQueryAsync();
        }

        await using var explain = connection.CreateCommand();
        explain.CommandText = prefix + command.Text;
        foreach (var (name, value) in command.Parameters)
        {
            var parameter = explain.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            explain.Parameters.Add(parameter);
        }

        var rows = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString())));
        }

        return rows;
    }

    /// <summary>A context on the app's database and model, outside the app, with <paramref name="interceptors"/>.</summary>
    private WebContext NewContext(params IInterceptor[] interceptors)
    {
        var builder = new DbContextOptionsBuilder<WebContext>();
        _database.UseProvider(builder);
        builder.UseKegAuth(_app.Options).AddInterceptors(interceptors);
        return new WebContext(builder.Options);
    }

    /// <summary>The SQL and parameter values of one command EF sent.</summary>
    public sealed record CapturedCommand(string Text, IReadOnlyList<(string Name, object Value)> Parameters);

    private sealed class CommandCapture : DbCommandInterceptor
    {
        public List<CapturedCommand> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Commands.Add(new CapturedCommand(command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value ?? DBNull.Value))]));
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

/// <summary><see cref="RequestLookupPlanTests"/> on SQLite: <c>EXPLAIN QUERY PLAN</c> must search an index, never scan the table.</summary>
public sealed class RequestLookupPlanTestsOnSqlite() : RequestLookupPlanTests(() => new SqliteWebDatabase())
{
    /// <inheritdoc/>
    protected override async Task AssertIndexLookupAsync(CapturedCommand command, string column)
    {
        var plan = await ExplainAsync(command, "EXPLAIN QUERY PLAN ");
        var detail = string.Join("\n", plan);
        Assert.DoesNotContain("SCAN", detail, StringComparison.Ordinal);
        Assert.Contains($"SEARCH u USING INDEX IX_Users_{column} ({column}=?)", detail, StringComparison.Ordinal);
    }
}

/// <summary>
/// <see cref="RequestLookupPlanTests"/> on PostgreSQL. A table of a few rows is cheapest to read whole, so
/// sequential scans are priced out for the plan (<c>enable_seqscan = off</c>): a usable index then wins,
/// and without one the plan still shows the scan, so the test tells the two apart.
/// </summary>
[Collection(PostgresWebCollection.Name)]
public sealed class RequestLookupPlanTestsOnPostgres(PostgresWebFixture postgres) : RequestLookupPlanTests(postgres.NewDatabase)
{
    /// <inheritdoc/>
    protected override async Task AssertIndexLookupAsync(CapturedCommand command, string column)
    {
        var plan = await ExplainAsync(command, "EXPLAIN ", "SET enable_seqscan = off");
        var detail = string.Join("\n", plan);
        Assert.DoesNotContain("Seq Scan", detail, StringComparison.Ordinal);
        Assert.Contains($"Index Scan using \"IX_Users_{column}\"", detail, StringComparison.Ordinal);
        Assert.Contains($"Index Cond: ((\"{column}\")::text = ", detail, StringComparison.Ordinal);
    }
}
