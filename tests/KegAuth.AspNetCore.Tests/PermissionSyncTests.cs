using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// <see cref="KegPermissionSync"/> and the start-up step of <c>AddDeclaredPermissions</c>, keg-auth's
/// <c>init_permissions</c> semantics, on SQLite and PostgreSQL.
/// </summary>
public abstract class PermissionSyncTests(Func<WebDatabase> database) : IAsyncLifetime
{
    private const string Ada = "ada@example.com";
    private static readonly KegDeclaredPermission[] Declared = [new("reports.view", "See reports"), new("reports.export", "Export reports")];
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync(database());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Sync_inserts_missing_tokens_updates_descriptions_and_deletes_undeclared_ones_with_their_grants()
    {
        var id = await SeedAsync(("reports.view", "old text"), ("legacy.thing", null));
        await GrantAsync(id, "legacy.thing");

        var result = await _app.WithDbAsync(db => KegPermissionSync.SyncAsync<WebPermission>(db, Declared));

        Assert.Equal(["reports.export"], result.Added);
        Assert.Equal(["reports.view"], result.Updated);
        Assert.Equal(["legacy.thing"], result.Removed);
        Assert.False(result.DryRun);
        Assert.Equal(
            [("reports.export", "Export reports"), ("reports.view", "See reports")],
            await StoredAsync());
        Assert.Empty(await _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).SelectMany(u => u.Permissions).ToListAsync()));
        Assert.Equal(1, await _app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task A_second_sync_changes_nothing()
    {
        await _app.WithDbAsync(db => KegPermissionSync.SyncAsync<WebPermission>(db, Declared));

        var second = await _app.WithDbAsync(db => KegPermissionSync.SyncAsync<WebPermission>(db, Declared));

        Assert.True(second.IsUnchanged);
        Assert.Equal("added 0, updated 0, removed 0", second.ToString());
    }

    [Fact]
    public async Task Undeclared_tokens_stay_when_asked_and_a_missing_description_leaves_the_stored_one()
    {
        await SeedAsync(("legacy.thing", "kept"), ("reports.view", "stored text"));

        var result = await _app.WithDbAsync(db => KegPermissionSync.SyncAsync<WebPermission>(
            db, [new KegDeclaredPermission("reports.view")], new KegPermissionSyncOptions { KeepUndeclared = true }));

        Assert.True(result.IsUnchanged);
        Assert.Equal(
            [("legacy.thing", "kept"), ("reports.view", "stored text")],
            await StoredAsync());
    }

    [Fact]
    public async Task A_dry_run_reports_the_changes_and_writes_nothing()
    {
        await SeedAsync(("legacy.thing", null));

        var result = await _app.WithDbAsync(db => KegPermissionSync.SyncAsync(db, Declared, new KegPermissionSyncOptions { DryRun = true }));

        Assert.True(result.DryRun);
        Assert.Equal(["reports.export", "reports.view"], result.Added);
        Assert.Equal(["legacy.thing"], result.Removed);
        Assert.StartsWith("would have added 2 (reports.export, reports.view)", result.ToString(), StringComparison.Ordinal);
        Assert.Equal(["legacy.thing"], await _app.WithDbAsync(db => db.Permissions.Select(p => p.Token).ToListAsync()));
    }

    [Fact]
    public async Task Nodes_starting_at_once_leave_one_row_per_token()
    {
        await SeedAsync(("legacy.thing", null));
        var many = Enumerable.Range(0, 40).Select(i => new KegDeclaredPermission("token." + i, "Token " + i)).ToArray();

        // Each "node" has its own context, as each process would.
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => _app.WithDbAsync(db => KegPermissionSync.SyncAsync<WebPermission>(db, many)))));

        var tokens = await _app.WithDbAsync(db => db.Permissions.Select(p => p.Token).ToListAsync());
        Assert.Equal(many.Select(p => p.Token).Order(StringComparer.Ordinal), tokens.Order(StringComparer.Ordinal));
        Assert.Contains(results, r => r.Added.Count == many.Length);
        Assert.All(results, r => Assert.True(r.Added.Count is 0 or 40, string.Join(",", r.Added)));
    }

    [Fact]
    public async Task A_context_with_its_own_pending_changes_is_refused()
    {
        var error = await _app.WithDbAsync(async db =>
        {
            db.Users.Add(new WebUser { Email = "pending@example.com" });
            return await Assert.ThrowsAsync<InvalidOperationException>(() => KegPermissionSync.SyncAsync<WebPermission>(db, Declared));
        });

        Assert.Contains("pending changes", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _app.WithDbAsync(db => db.Permissions.ToListAsync()));
        Assert.Empty(await _app.WithDbAsync(db => db.Users.ToListAsync()));
    }

    [Fact]
    public async Task The_app_syncs_its_declared_permissions_when_it_starts()
    {
        var file = new SqliteWebDatabase();
        await using var app = await TestWebApp.StartAsync(file, configureKegAuth: auth => auth
            .AddDeclaredPermissions(Declared.Take(1))
            .AddDeclaredPermissions(Declared.Skip(1)));

        Assert.Equal(["reports.export", "reports.view"], await app.WithDbAsync(db => db.Permissions.Select(p => p.Token).OrderBy(t => t).ToListAsync()));
    }

    [Fact]
    public async Task Sync_at_start_up_can_be_turned_off()
    {
        await using var app = await TestWebApp.StartAsync(new SqliteWebDatabase(), configureKegAuth: auth => auth
            .AddDeclaredPermissions(Declared, options => options.SyncAtStartup = false));

        Assert.Empty(await app.WithDbAsync(db => db.Permissions.ToListAsync()));
    }

    private async Task<List<(string Token, string? Description)>> StoredAsync() =>
        (await _app.WithDbAsync(db => db.Permissions.OrderBy(p => p.Token).ToListAsync())).Select(p => (p.Token, p.Description)).ToList();

    private Task<int> SeedAsync(params (string Token, string? Description)[] rows) => _app.WithDbAsync(async db =>
    {
        db.Permissions.AddRange(rows.Select(r => new WebPermission { Token = r.Token, Description = r.Description }));
        await db.SaveChangesAsync();
        return await _app.AddUserAsync(Ada);
    });

    private Task<int> GrantAsync(int userId, string token) => _app.WithDbAsync(async db =>
    {
        var user = await db.Users.Include(u => u.Permissions).SingleAsync(u => u.Id == userId);
        user.Permissions.Add(await db.Permissions.SingleAsync(p => p.Token == token));
        return await db.SaveChangesAsync();
    });
}

/// <summary><see cref="PermissionSyncTests"/> on SQLite.</summary>
public sealed class PermissionSyncTestsOnSqlite() : PermissionSyncTests(() => new SqliteWebDatabase());

/// <summary><see cref="PermissionSyncTests"/> on PostgreSQL.</summary>
[Collection(PostgresWebCollection.Name)]
public sealed class PermissionSyncTestsOnPostgres(PostgresWebFixture postgres) : PermissionSyncTests(postgres.NewDatabase);

/// <summary>Declarations are checked where they are registered, before any database is touched.</summary>
public sealed class DeclaredPermissionValidationTests
{
    [Theory]
    [InlineData("", "empty token")]
    [InlineData("   ", "empty token")]
    [InlineData("a\0b", "control character")]
    [InlineData("a\nb", "control character")]
    public void Bad_tokens_are_refused_with_the_reason(string token, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => KegPermissionSync.Validate([new KegDeclaredPermission(token)]));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_longer_than_the_column_is_refused()
    {
        KegPermissionSync.Validate([new KegDeclaredPermission(new string('x', KegPermissionSync.MaxTokenLength))]);
        var error = Assert.Throws<ArgumentException>(() => KegPermissionSync.Validate([new KegDeclaredPermission(new string('x', KegPermissionSync.MaxTokenLength + 1))]));
        Assert.Contains("1025 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_token_with_two_descriptions_is_refused_but_a_repeat_is_not()
    {
        KegPermissionSync.Validate([new("a", "A"), new("a", "A")]);
        var error = Assert.Throws<ArgumentException>(() => KegPermissionSync.Validate([new("a", "A"), new("a", "B")]));
        Assert.Contains("'a' is declared twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registration_reports_a_bad_declaration_at_the_call()
    {
        var services = new ServiceCollection();
        var kegAuth = services.AddKegAuth<WebContext, WebUser>(options => options.SecretKey = TestWebApp.SecretKey);

        Assert.Throws<ArgumentException>(() => kegAuth.AddDeclaredPermissions([new KegDeclaredPermission("")]));
    }
}
