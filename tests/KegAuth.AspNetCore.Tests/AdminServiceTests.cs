using System.Security.Claims;
using KegAuth.AspNetCore.Tests.Databases;
using KegAuth.AspNetCore.UI.Pages;
using KegAuth.AspNetCore.UI.Services;
using KegAuth.AspNetCore.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// The admin pages' service on each database, below the browser: the prefix search written as an
/// index range (it must find what <c>StartsWith</c> finds), and the rules a crafted POST could try to
/// get around (declared permissions, the superuser flag), and that changes reset session keys.
/// </summary>
public abstract class AdminServiceTests(Func<WebDatabase> database) : IAsyncLifetime
{
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync(database(), configureKegAuth: kegAuth =>
        kegAuth.AddDeclaredPermissions([new KegDeclaredPermission("reports.view", "View reports")]).AddPages());

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task The_user_search_finds_exactly_the_login_ids_with_the_prefix_in_order_and_pages_by_keyset()
    {
        foreach (var email in new[] { "grace@example.test", "graham@example.test", "gz@example.test", "gza@example.test", "h@example.test", "fz@example.test" })
        {
            await _app.AddUserAsync(email);
        }

        Assert.Equal(["grace@example.test", "graham@example.test"], await LoginIdsAsync("gra"));

        // Email login ids are stored lowercased; the search goes through the same converter.
        Assert.Equal(["grace@example.test", "graham@example.test"], await LoginIdsAsync("GRA"));

        // A prefix ending in z has no upper bound (see KegAdminPrefix.UpperBound): still exactly the matches.
        Assert.Equal(["gz@example.test", "gza@example.test"], await LoginIdsAsync("gz"));
        Assert.Equal(["grace@example.test", "graham@example.test", "gz@example.test", "gza@example.test"], await LoginIdsAsync("g"));
        Assert.Empty(await LoginIdsAsync("gb"));

        var first = await ListAsync("g", null, 3);
        Assert.Equal("gz@example.test", first.Next);
        var second = await ListAsync("g", first.Next, 3);
        Assert.Equal(["gza@example.test"], second.Rows.Select(r => r.LoginId));
        Assert.Null(second.Next);
    }

    [Fact]
    public async Task The_group_search_finds_exactly_the_names_with_the_prefix()
    {
        foreach (var name in new[] { "Beta", "Beta9", "Beta9x", "Beta:x", "BetZ", "Betb", "alpha" })
        {
            Assert.True((await AdminAsync((admin, _) => admin.CreateAsync(KegEntityKind.Group, name, null, default))).Succeeded, name);
        }

        Assert.Equal(["Beta", "Beta9", "Beta9x", "Beta:x"], await NamesAsync("Beta"));
        Assert.Equal(["Beta9", "Beta9x"], await NamesAsync("Beta9"));
        Assert.Equal(["Beta:x"], await NamesAsync("Beta:"));
        Assert.Equal(["BetZ"], await NamesAsync("BetZ"));
        Assert.Equal(["alpha"], await NamesAsync("a"));
    }

    [Fact]
    public async Task A_permission_declared_in_code_cannot_be_renamed_deleted_or_created_even_by_a_crafted_post()
    {
        var declared = await _app.WithDbAsync(db => db.Permissions.Where(p => p.Token == "reports.view").Select(p => p.Id).SingleAsync());
        var key = declared.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var rename = await AdminAsync((admin, _) => admin.UpdateAsync(KegEntityKind.Permission, key, "reports.renamed", null, new Dictionary<KegEntityKind, IReadOnlyCollection<string>>(), default));
        var delete = await AdminAsync((admin, _) => admin.DeleteAsync(KegEntityKind.Permission, key, default));
        var create = await AdminAsync((admin, _) => admin.CreateAsync(KegEntityKind.Permission, "reports.view", null, default));

        Assert.Equal(KegAdminOutcome.ReadOnly, rename.Outcome);
        Assert.Equal(KegAdminOutcome.ReadOnly, delete.Outcome);
        Assert.Equal(KegAdminOutcome.ReadOnly, create.Outcome);
        Assert.Equal(["reports.view"], await _app.WithDbAsync(db => db.Permissions.Select(p => p.Token).ToListAsync()));

        // An undeclared one can be renamed onto no declared token either.
        var custom = await AdminAsync((admin, _) => admin.CreateAsync(KegEntityKind.Permission, "custom", null, default));
        var onto = await AdminAsync((admin, _) => admin.UpdateAsync(KegEntityKind.Permission, custom.Key, "reports.view", null, new Dictionary<KegEntityKind, IReadOnlyCollection<string>>(), default));
        Assert.Equal(KegAdminOutcome.ReadOnly, onto.Outcome);
    }

    [Fact]
    public async Task Only_a_superuser_changes_the_superuser_flag_and_assignments_reset_the_session_key()
    {
        var adminId = await _app.AddUserAsync("admin@example.test");
        var userId = await _app.AddUserAsync("plain@example.test");
        var userKey = userId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var permission = await _app.WithDbAsync(db => db.Permissions.Where(p => p.Token == "reports.view").Select(p => p.Id).SingleAsync());
        var before = await SessionKeyAsync(userId);

        var escalate = await AdminAsync((admin, actor) => admin.UpdateUserAsync(actor(adminId), userKey,
            new KegAdminUserChange("plain@example.test", true, true, null, new Dictionary<KegEntityKind, IReadOnlyCollection<string>>()), default));
        var create = await AdminAsync((admin, actor) => admin.CreateUserAsync(actor(adminId), "root@example.test", isSuperuser: true, sendMail: false, default));
        Assert.Equal(KegAdminOutcome.Forbidden, escalate.Outcome);
        Assert.Equal(KegAdminOutcome.Forbidden, create.Outcome);
        Assert.False(await _app.WithDbAsync(db => db.Users.AnyAsync(u => u.IsSuperuser)));
        Assert.Equal(before, await SessionKeyAsync(userId));

        var grant = await AdminAsync((admin, actor) => admin.UpdateUserAsync(actor(adminId), userKey,
            new KegAdminUserChange("plain@example.test", true, false, null, new Dictionary<KegEntityKind, IReadOnlyCollection<string>>
            {
                [KegEntityKind.Permission] = [permission.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            }), default));
        Assert.True(grant.Succeeded);
        Assert.NotEqual(before, await SessionKeyAsync(userId));
        Assert.Equal(["reports.view"], await _app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).SelectMany(u => u.Permissions).Select(p => p.Token).ToListAsync()));

        await _app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == adminId)).IsSuperuser = true;
            return await db.SaveChangesAsync();
        });
        var promote = await AdminAsync((admin, actor) => admin.UpdateUserAsync(actor(adminId), userKey,
            new KegAdminUserChange("plain@example.test", true, true, null, new Dictionary<KegEntityKind, IReadOnlyCollection<string>>()), default));
        Assert.Equal(KegAdminOutcome.Done, promote.Outcome);
        Assert.True(await _app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.IsSuperuser).SingleAsync()));

        // A form without the permission list leaves the grants as they were.
        Assert.Equal(["reports.view"], await _app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).SelectMany(u => u.Permissions).Select(p => p.Token).ToListAsync()));
    }

    [Fact]
    public async Task An_admin_who_is_not_a_superuser_cannot_take_over_disable_or_delete_a_superuser()
    {
        var adminId = await _app.AddUserAsync("admin@example.test");
        var rootId = await _app.AddUserAsync("root@example.test");
        var rootKey = rootId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == rootId)).IsSuperuser = true;
            return await db.SaveChangesAsync();
        });
        var before = await SessionKeyAsync(rootId);
        var noAssignments = new Dictionary<KegEntityKind, IReadOnlyCollection<string>>();

        // Moving the superuser's login id to an address the admin reads would let a reset mail hand it over.
        var takeOver = await AdminAsync((admin, actor) => admin.UpdateUserAsync(actor(adminId), rootKey,
            new KegAdminUserChange("mine@example.test", true, true, null, noAssignments), default));
        var disable = await AdminAsync((admin, actor) => admin.UpdateUserAsync(actor(adminId), rootKey,
            new KegAdminUserChange("root@example.test", false, true, null, noAssignments), default));
        var delete = await AdminAsync((admin, actor) => admin.DeleteUserAsync(actor(adminId), rootKey, default));

        Assert.Equal(KegAdminOutcome.Forbidden, takeOver.Outcome);
        Assert.Equal(KegAdminOutcome.Forbidden, disable.Outcome);
        Assert.Equal(KegAdminOutcome.Forbidden, delete.Outcome);
        var root = await _app.WithDbAsync(db => db.Users.Where(u => u.Id == rootId).Select(u => new { u.Email, u.IsEnabled, u.SessionKey }).SingleAsync());
        Assert.Equal(("root@example.test", true, before), (root.Email, root.IsEnabled, root.SessionKey));

        // Another superuser may.
        await _app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == adminId)).IsSuperuser = true;
            return await db.SaveChangesAsync();
        });
        var rename = await AdminAsync((admin, actor) => admin.UpdateUserAsync(actor(adminId), rootKey,
            new KegAdminUserChange("root2@example.test", true, true, null, noAssignments), default));
        Assert.Equal(KegAdminOutcome.Done, rename.Outcome);
    }

    [Fact]
    public async Task A_login_id_taken_in_another_case_is_refused_on_create_and_rename()
    {
        var adminId = await _app.AddUserAsync("admin@example.test");
        var userId = await _app.AddUserAsync("plain@example.test");
        var create = await AdminAsync((admin, actor) => admin.CreateUserAsync(actor(adminId), "Plain@Example.test", false, false, default));
        var rename = await AdminAsync((admin, actor) => admin.UpdateUserAsync(actor(adminId), userId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new KegAdminUserChange("ADMIN@example.test", true, false, null, new Dictionary<KegEntityKind, IReadOnlyCollection<string>>()), default));
        var blank = await AdminAsync((admin, actor) => admin.CreateUserAsync(actor(adminId), " spaced@example.test", false, false, default));

        Assert.Equal(KegAdminOutcome.Taken, create.Outcome);
        Assert.Equal(KegAdminOutcome.Taken, rename.Outcome);
        Assert.Equal(KegAdminOutcome.Invalid, blank.Outcome);
        Assert.Equal(2, await _app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Empty(await _app.SentResetsAsync());
    }

    private Task<string> SessionKeyAsync(int id) => _app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.SessionKey).SingleAsync());

    /// <summary>Runs <paramref name="work"/> with the admin service of a fresh scope and a way to make a signed-in principal for a user id.</summary>
    private async Task<T> AdminAsync<T>(Func<IKegAuthAdmin, Func<int, ClaimsPrincipal>, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<KegUserStore<WebContext, WebUser>>();
        var db = scope.ServiceProvider.GetRequiredService<WebContext>();
        return await work(scope.ServiceProvider.GetRequiredService<IKegAuthAdmin>(),
            id => store.CreatePrincipal(db.Users.Single(u => u.Id == id), KegAuthSchemes.Cookie));
    }

    private async Task<KegUserListPage> ListAsync(string? search, string? after, int pageSize)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IKegAuthAdminUsers>().ListAsync(search, after, pageSize, default);
    }

    private async Task<List<string>> LoginIdsAsync(string search) => [.. (await ListAsync(search, null, UsersModel.PageSize)).Rows.Select(r => r.LoginId)];

    private async Task<List<string>> NamesAsync(string search)
        => [.. (await AdminAsync((admin, _) => admin.ListAsync(KegEntityKind.Group, search, null, KegAdminListModel.PageSize, default))).Rows.Select(r => r.Name)];
}

/// <summary><see cref="AdminServiceTests"/> on SQLite.</summary>
public sealed class AdminServiceTestsOnSqlite() : AdminServiceTests(() => new SqliteWebDatabase());

/// <summary><see cref="AdminServiceTests"/> on PostgreSQL.</summary>
[Collection(PostgresWebCollection.Name)]
public sealed class AdminServiceTestsOnPostgres(PostgresWebFixture postgres) : AdminServiceTests(postgres.NewDatabase);
