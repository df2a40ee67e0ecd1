using Microsoft.Playwright;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Browser;

/// <summary>
/// Takes the pages' PNGs. They go to the test output (<c>screenshots/</c> beside the test assembly)
/// on every run, and to the repository's <c>docs/screenshots/</c>, the set README shows, only with
/// <c>KEGAUTH_UPDATE_SCREENSHOTS=1</c>: a page with dates on it would otherwise leave the working tree
/// changed after every test run.
/// </summary>
public static class Screenshots
{
    /// <summary>The environment variable that rewrites README's screenshots.</summary>
    public const string UpdateVariable = "KEGAUTH_UPDATE_SCREENSHOTS";

    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Environment.GetEnvironmentVariable(UpdateVariable) == "1"
            ? Path.Combine(RepositoryRoot(), "docs", "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    });

    /// <summary>Saves the whole page as <c>{name}.png</c> and checks that it holds a picture.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder.Value, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"{path} is nearly empty.");
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KegAuth.Generators.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (KegAuth.Generators.sln) is not above the test output.");
    }
}
