using KegAuth.AspNetCore.Tests.Databases;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary><c>auth install-change-feed</c>, run in process against the test app on PostgreSQL and on SQLite.</summary>
[Collection(PostgresWebCollection.Name)]
public sealed class InstallChangeFeedCommandTests(PostgresWebFixture postgres)
{
    private const string TriggerCount =
        "SELECT count(*)::int AS \"Value\" FROM pg_trigger WHERE tgname = 'keg_auth_user_changes' AND tgenabled <> 'D' AND tgrelid = to_regclass('\"Users\"')";

    [Fact]
    public async Task On_PostgreSQL_it_installs_the_trigger_and_running_it_again_is_fine()
    {
        await using var app = await TestWebApp.StartAsync(postgres.NewDatabase());

        var first = await app.RunCommandAsync("", "auth", "install-change-feed");
        var second = await app.RunCommandAsync("", "auth", "install-change-feed");

        Assert.Equal(0, first.ExitCode);
        Assert.Equal("", first.Error);
        Assert.Contains("Installed the trigger keg_auth_user_changes on \"Users\"", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>(TriggerCount).SingleAsync()));
    }

    [Fact]
    public async Task With_print_it_prints_the_sql_and_changes_nothing()
    {
        await using var app = await TestWebApp.StartAsync(postgres.NewDatabase());

        var run = await app.RunCommandAsync("", "auth", "install-change-feed", "--print");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches("CREATE TRIGGER keg_auth_user_changes AFTER UPDATE OF [^;]* OR DELETE OR TRUNCATE ON \"Users\"", run.Output);
        Assert.Equal(0, await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>(TriggerCount).SingleAsync()));
    }

    [Fact]
    public async Task On_SQLite_there_is_nothing_to_do()
    {
        await using var app = await TestWebApp.StartAsync(new SqliteWebDatabase());

        var run = await app.RunCommandAsync("", "auth", "install-change-feed");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("SQLite needs no change feed installed: nothing to do.", run.Output.TrimEnd());
    }
}
