using Microsoft.Playwright;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Browser;

/// <summary>Saves the pages' PNGs under the repository's <c>docs/screenshots/</c>, the set README shows.</summary>
public static class Screenshots
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KegAuth.Generators.sln")))
        {
            directory = directory.Parent;
        }

        var folder = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("The repository root (KegAuth.Generators.sln) is not above the test output."), "docs", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    });

    /// <summary>Saves the whole page as <c>docs/screenshots/{name}.png</c>.</summary>
    public static async Task SaveAsync(IPage page, string name)
    {
        var path = Path.Combine(Folder.Value, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"{path} is nearly empty.");
    }
}
