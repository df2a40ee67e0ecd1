using System.Diagnostics;
using Microsoft.Playwright;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Browser;

/// <summary>
/// One headless Debian chromium for every browser test (testing-notes.md): Playwright drives
/// <c>/usr/bin/chromium</c> through <c>ExecutablePath</c>, since its own browser download cannot be
/// reached here. A machine without chromium gets it installed with apt-get; when that fails the tests
/// fail with apt's output, never skip.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await EnsureChromiumAsync();
        _playwright = await Playwright.CreateAsync();

        // Root (as CI runs) needs --no-sandbox.
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = ["--no-sandbox"] });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    private static async Task EnsureChromiumAsync()
    {
        if (File.Exists(ExecutablePath))
        {
            return;
        }

        Console.Error.WriteLine($"{ExecutablePath} is missing: installing Debian's chromium with apt-get (about a minute).");
        var install = await AptAsync("install -y --no-install-recommends chromium");
        if (!File.Exists(ExecutablePath))
        {
            // A fresh machine may have no package lists yet.
            var update = await AptAsync("update");
            install = update + await AptAsync("install -y --no-install-recommends chromium");
        }

        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"The browser tests need {ExecutablePath} and installing it failed (run `apt-get install -y chromium` as root). apt-get said:\n{install}");
        }
    }

    private static async Task<string> AptAsync(string arguments)
    {
        var start = new ProcessStartInfo("apt-get", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return $"apt-get {arguments}: exit {process.ExitCode}\n{await output}{await error}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"apt-get {arguments}: {e.Message}\n";
        }
    }
}

/// <summary>Every browser test class: one collection, so they share one chromium (and run one at a time).</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Chromium";
}
