using System.Net;
using System.Net.Http.Json;
using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>The <c>auth</c> commands (edge.md), run in process against the test app's own SQLite file.</summary>
public sealed class CommandLineTests : IAsyncLifetime
{
    private const string Ada = "ada@example.com";
    private const string NewPassword = "a brand new passphrase";
    private TestWebApp _app = null!;

    public async Task InitializeAsync() => _app = await TestWebApp.StartAsync(new SqliteWebDatabase(), configureKegAuth: auth => auth
        .AddDeclaredPermissions([new("reports.view", "See reports")], options => options.SyncAtStartup = false));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Arguments_without_an_auth_command_leave_the_app_to_start()
    {
        Assert.Null((await _app.RunCommandAsync("")).ExitCode);
        Assert.Null((await _app.RunCommandAsync("", "--urls", "http://localhost:5000")).ExitCode);
    }

    [Fact]
    public async Task Create_user_mails_a_verification_link_that_verifies_the_new_user()
    {
        var run = await _app.RunCommandAsync("", "auth", "create-user", "grace@example.com", "--as-superuser");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        var url = new Uri(run.Output.Split('\n').Single(l => l.StartsWith("Verification URL: ", StringComparison.Ordinal))["Verification URL: ".Length..].Trim());
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var sent = Assert.Single(await _app.SentResetsAsync());
        Assert.Equal(KegMailKind.VerifyAccount, sent.Kind);
        Assert.Equal(query["token"], sent.Token);
        var user = await _app.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "grace@example.com"));
        Assert.True(user.IsSuperuser);
        Assert.False(user.IsVerified);

        using var client = _app.Client();
        var verify = await client.PostAsJsonAsync("/api/auth/verify-account", new { userKey = query["userKey"], token = query["token"], newPassword = NewPassword });
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
    }

    [Fact]
    public async Task Create_user_with_no_mail_sends_nothing_and_an_existing_login_id_is_one_line_on_standard_error()
    {
        await _app.AddUserAsync(Ada);

        var quiet = await _app.RunCommandAsync("", "auth", "create-user", "grace@example.com", "--no-mail");
        var taken = await _app.RunCommandAsync("", "auth", "create-user", "ADA@example.com");

        Assert.Equal(0, quiet.ExitCode);
        Assert.Empty(await _app.SentResetsAsync());
        Assert.Equal(1, taken.ExitCode);
        Assert.Equal("A user with the login id 'ADA@example.com' already exists.", taken.Error.TrimEnd());
        Assert.Equal(2, await _app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Set_password_reads_one_line_from_standard_input_and_the_user_signs_in_with_it()
    {
        await _app.AddUserAsync(Ada);

        var run = await _app.RunCommandAsync(NewPassword + "\n", "auth", "set-password", Ada);

        Assert.Equal(0, run.ExitCode);
        using var browser = _app.Browser();
        var login = await browser.PostAsJsonAsync("/api/auth/login", new { loginId = Ada, password = NewPassword });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.DoesNotContain(NewPassword, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_password_applies_the_policy_and_changes_nothing_when_it_refuses()
    {
        await _app.AddUserAsync(Ada);
        var before = await _app.WithDbAsync(db => db.Users.Select(u => u.Password).SingleAsync());

        var weak = await _app.RunCommandAsync("ada\n", "auth", "set-password", Ada);
        var none = await _app.RunCommandAsync("", "auth", "set-password", Ada);
        var unknown = await _app.RunCommandAsync(NewPassword + "\n", "auth", "set-password", "nobody@example.com");

        Assert.Equal(1, weak.ExitCode);
        Assert.StartsWith("The password was refused: ", weak.Error, StringComparison.Ordinal);
        Assert.Single(weak.Error.TrimEnd().Split('\n'));
        Assert.Equal("No password on standard input.", none.Error.TrimEnd());
        Assert.Equal("There is no user with the login id 'nobody@example.com'.", unknown.Error.TrimEnd());
        Assert.Equal(before, await _app.WithDbAsync(db => db.Users.Select(u => u.Password).SingleAsync()));
    }

    [Fact]
    public async Task On_a_terminal_set_password_asks_twice_and_refuses_two_different_entries()
    {
        await _app.AddUserAsync(Ada);
        var answers = new Queue<string>([NewPassword, NewPassword + "!", NewPassword, NewPassword]);

        var differ = await _app.RunCommandAsync("", answers.Dequeue, "auth", "set-password", Ada);
        var same = await _app.RunCommandAsync("", answers.Dequeue, "auth", "set-password", Ada);

        Assert.Equal(1, differ.ExitCode);
        Assert.Equal("The two passwords differ.", differ.Error.TrimEnd());
        Assert.Equal(0, same.ExitCode);
        Assert.Contains("Repeat it: ", same.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purge_attempts_filters_by_user_type_and_age()
    {
        await _app.WithDbAsync(async db =>
        {
            var now = _app.Clock.GetUtcNow().UtcDateTime;
            db.Attempts.AddRange(
                new WebAttempt { UserInput = Ada, AttemptType = AttemptType.Login, DatetimeUtc = now.AddDays(-10) },
                new WebAttempt { UserInput = Ada, AttemptType = AttemptType.Login, DatetimeUtc = now.AddDays(-1) },
                new WebAttempt { UserInput = Ada, AttemptType = AttemptType.Forgot, DatetimeUtc = now.AddDays(-10) },
                new WebAttempt { UserInput = "bob", AttemptType = AttemptType.Login, DatetimeUtc = now.AddDays(-10) });
            return await db.SaveChangesAsync();
        });

        var filtered = await _app.RunCommandAsync("", "auth", "purge-attempts", "--user", Ada, "--older-than", "5", "--type", "login");
        var negative = await _app.RunCommandAsync("", "auth", "purge-attempts", "--older-than", "-1");
        var badType = await _app.RunCommandAsync("", "auth", "purge-attempts", "--attempt-type", "logout");
        var rest = await _app.RunCommandAsync("", "auth", "purge-attempts");

        Assert.Equal("Deleted 1 attempts.", filtered.Output.TrimEnd());
        Assert.Equal(1, negative.ExitCode);
        Assert.Equal("--older-than must not be negative.", negative.Error.TrimEnd());
        Assert.Equal(1, badType.ExitCode);
        Assert.Single(badType.Error.TrimEnd().Split('\n'));
        Assert.Equal("Deleted 3 attempts.", rest.Output.TrimEnd());
    }

    [Fact]
    public async Task Sync_permissions_prints_what_changes_and_a_dry_run_changes_nothing()
    {
        await _app.WithDbAsync(db =>
        {
            db.Permissions.Add(new WebPermission { Token = "legacy.thing" });
            return db.SaveChangesAsync();
        });

        var dry = await _app.RunCommandAsync("", "auth", "sync-permissions", "--dry-run");
        var tokensAfterDryRun = await _app.WithDbAsync(db => db.Permissions.Select(p => p.Token).ToListAsync());
        var real = await _app.RunCommandAsync("", "auth", "sync-permissions");

        Assert.Equal(["Would add: reports.view", "Would update: none", "Would remove: legacy.thing"], dry.Output.TrimEnd().Split('\n'));
        Assert.Equal(["legacy.thing"], tokensAfterDryRun);
        Assert.Equal(["Added: reports.view", "Updated: none", "Removed: legacy.thing"], real.Output.TrimEnd().Split('\n'));
        Assert.Equal(["reports.view"], await _app.WithDbAsync(db => db.Permissions.Select(p => p.Token).ToListAsync()));
    }

    [Fact]
    public async Task Grant_and_revoke_change_the_users_rights_and_end_its_sessions()
    {
        var id = await _app.AddUserAsync(Ada);
        await _app.RunCommandAsync("", "auth", "sync-permissions");
        var key = await _app.WithDbAsync(db => db.Users.Select(u => u.SessionKey).SingleAsync());

        var grant = await _app.RunCommandAsync("", "auth", "grant", Ada, "reports.view");
        var again = await _app.RunCommandAsync("", "auth", "grant", Ada, "reports.view");
        var granted = await _app.WithDbAsync(async db => await (await db.Users.SingleAsync(u => u.Id == id)).HasAllPermissionsAsync(db, "reports.view"));
        var keyAfterGrant = await _app.WithDbAsync(db => db.Users.Select(u => u.SessionKey).SingleAsync());
        var revoke = await _app.RunCommandAsync("", "auth", "revoke", Ada, "reports.view");
        var revoked = await _app.WithDbAsync(async db => await (await db.Users.SingleAsync(u => u.Id == id)).HasAllPermissionsAsync(db, "reports.view"));
        var unknownToken = await _app.RunCommandAsync("", "auth", "grant", Ada, "reports.veiw");

        Assert.Equal("Granted reports.view to ada@example.com.", grant.Output.TrimEnd());
        Assert.Equal("ada@example.com already has reports.view directly.", again.Output.TrimEnd());
        Assert.True(granted);
        Assert.NotEqual(key, keyAfterGrant);
        Assert.Equal("Revoked reports.view from ada@example.com.", revoke.Output.TrimEnd());
        Assert.False(revoked);
        Assert.Equal(1, unknownToken.ExitCode);
        Assert.Equal("There is no permission 'reports.veiw'.", unknownToken.Error.TrimEnd());
    }

    [Theory]
    [InlineData("auth")]
    [InlineData("auth create-user")]
    [InlineData("auth grant ada@example.com")]
    [InlineData("auth frobnicate")]
    public async Task A_malformed_command_is_one_line_on_standard_error_and_exit_code_1(string line)
    {
        var run = await _app.RunCommandAsync("", line.Split(' '));

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.EndsWith("(see: auth --help)", run.Error.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_login_id_with_control_characters_is_refused_without_echoing_them()
    {
        var run = await _app.RunCommandAsync("", "auth", "create-user", "evil\u001b[31m@example.com");

        Assert.Equal(1, run.ExitCode);
        Assert.DoesNotContain('\u001b', run.Error);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Users.CountAsync()));
    }
}
