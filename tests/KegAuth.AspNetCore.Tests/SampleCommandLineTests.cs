using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>The <c>auth</c> commands end to end, as edge.md shows them: <c>dotnet run --project samples/KegAuth.Sample.Web -- auth ...</c>.</summary>
public sealed class SampleCommandLineTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kegauth-sample-cli", Guid.NewGuid().ToString("N"));

    public SampleCommandLineTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp file must not fail a test.
        }
    }

    [Fact]
    public async Task A_user_created_on_the_command_line_gets_a_password_and_a_permission()
    {
        var database = Path.Combine(_folder, "sample.db");

        var create = await SampleProcess.RunAsync(database, "", "auth", "create-user", "grace", "--no-mail");
        var password = await SampleProcess.RunAsync(database, "Battery-Staple-Horse-42\n", "auth", "set-password", "grace");
        var grant = await SampleProcess.RunAsync(database, "", "auth", "grant", "grace", "users.view");
        var sync = await SampleProcess.RunAsync(database, "", "auth", "sync-permissions", "--dry-run");
        var unknown = await SampleProcess.RunAsync(database, "", "auth", "grant", "nobody", "users.view");

        Assert.True(create.ExitCode == 0, create.Output + create.Error);
        Assert.Contains("Verification URL: http://localhost:5000/", create.Output, StringComparison.Ordinal);
        Assert.True(password.ExitCode == 0, password.Output + password.Error);
        Assert.Contains("Password set for grace.", password.Output, StringComparison.Ordinal);
        Assert.Contains("Granted users.view to grace.", grant.Output, StringComparison.Ordinal);
        Assert.Contains("Would add: none", sync.Output, StringComparison.Ordinal);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("There is no user with the login id 'nobody'.", unknown.Error.Trim());
    }
}
