using System.Diagnostics;

namespace KegAuth.AspNetCore.Tests;

/// <summary>Runs the web sample as a user would, <c>dotnet run --project samples/KegAuth.Sample.Web -- ...</c>, on a given SQLite file.</summary>
internal static class SampleProcess
{
    /// <summary>What one run printed.</summary>
    public sealed record Result(int ExitCode, string Output, string Error);

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    // The SDK that runs the tests sets DOTNET_HOST_PATH; fall back to the one on PATH.
    private static string Executable =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs the sample (already built with the tests, so <c>--no-build</c>) with <paramref name="input"/> on standard input.</summary>
    public static async Task<Result> RunAsync(string databaseFile, string input, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = Path.GetDirectoryName(databaseFile)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["run", "--no-build", "-c", Configuration, "--project", Path.Combine(RepositoryRoot(), "samples", "KegAuth.Sample.Web"), "--", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(n => n.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || n.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["ConnectionStrings__Sqlite"] = "Data Source=" + databaseFile + ";Pooling=False";
        start.Environment["KegAuth__PasswordWorkFactor"] = "4";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The sample did not exit within 3 minutes: " + string.Join(' ', arguments));
        }

        return new Result(process.ExitCode, await output, await error);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (Directory.Exists(Path.Combine(folder.FullName, "samples", "KegAuth.Sample.Web")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (with samples/KegAuth.Sample.Web) was not found above " + AppContext.BaseDirectory);
    }
}
