using System.Reflection;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace KegAuth.Packaging.Tests;

/// <summary>
/// Packs KegAuth (as this build made it) into a temp folder feed under a unique prerelease version, and
/// lays out a fresh consumer project outside the repository that references only that package and an
/// EF Core provider, restored once for every test.
/// </summary>
public sealed partial class ConsumerFixture : IAsyncLifetime
{
    private static readonly Assembly ThisAssembly = typeof(ConsumerFixture).Assembly;

    public string RepositoryRoot { get; } = Metadata("KegAuthRepositoryRoot");

    public string Configuration { get; } = Metadata("KegAuthConfiguration");

    /// <summary>Unique per run, so the global packages folder never serves an older build of it.</summary>
    public string PackageVersion { get; } =
        $"{Metadata("KegAuthVersionPrefix")}-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public string Root { get; } = Directory.CreateTempSubdirectory("kegauth-consumer-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    public string ProjectDirectory => Path.Combine(Root, "consumer");

    public string PackagePath => Path.Combine(Feed, $"KegAuth.{PackageVersion}.nupkg");

    /// <summary>Steps and how long each took, for the test output.</summary>
    public List<string> Timings { get; } = [];

    private string? _packagesFolder;

    public async Task InitializeAsync()
    {
        try
        {
            await PackAsync();
            await WriteConsumerAsync();
            var restore = await DotNet.RunAsync(ProjectDirectory, "restore", "--nologo");
            Timings.Add($"consumer restore: {restore.Elapsed.TotalSeconds:F1} s");
            if (restore.ExitCode != 0)
            {
                throw new InvalidOperationException($"Restoring the consumer failed, {restore}");
            }
            _packagesFolder = ReadPackagesFolder();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task PackAsync()
    {
        // no-build: pack exactly what this test run built (the test project references KegAuth for
        // build order), without rebuilding files other test projects may be reading.
        var project = Path.Combine(RepositoryRoot, "src", "KegAuth", "KegAuth.csproj");
        var pack = await DotNet.RunAsync(
            RepositoryRoot,
            "pack", project, "--no-build", "--nologo",
            "-c", Configuration,
            "-o", Feed,
            $"-p:Version={PackageVersion}",
            // Keeps the per-version nuspec files out of the repository's obj folder.
            $"-p:NuspecOutputPath={Path.Combine(Root, "nuspec")}{Path.DirectorySeparatorChar}");
        Timings.Add($"pack: {pack.Elapsed.TotalSeconds:F1} s");
        if (pack.ExitCode != 0 || !File.Exists(PackagePath))
        {
            throw new InvalidOperationException($"Packing KegAuth failed, {pack}");
        }
    }

    private async Task WriteConsumerAsync()
    {
        Directory.CreateDirectory(ProjectDirectory);

        // Stop MSBuild's upward search here, in case the temp folder is ever inside a repository.
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            await File.WriteAllTextAsync(Path.Combine(ProjectDirectory, name), "<Project />\n");
        }

        var template = Path.Combine(AppContext.BaseDirectory, "Consumer");
        var csproj = (await File.ReadAllTextAsync(Path.Combine(template, "Consumer.csproj.template")))
            .Replace("@KEGAUTH_VERSION@", PackageVersion, StringComparison.Ordinal)
            .Replace("@EFCORE_VERSION@", Metadata("EfCoreVersion"), StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(ProjectDirectory, "Consumer.csproj"), csproj);
        foreach (var source in Directory.EnumerateFiles(template, "*.cs", SearchOption.AllDirectories))
        {
            var target = Path.Combine(ProjectDirectory, Path.GetRelativePath(template, source));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }

        await File.WriteAllTextAsync(Path.Combine(ProjectDirectory, "NuGet.Config"), await NuGetConfigAsync());
    }

    /// <summary>
    /// The temp feed first, then every source this machine already restores from, copied as configured
    /// (names and addresses are read here, never written into the repository).
    /// </summary>
    private async Task<string> NuGetConfigAsync()
    {
        var list = await DotNet.RunAsync(RepositoryRoot, "nuget", "list", "source", "--format", "Detailed");
        if (list.ExitCode != 0)
        {
            throw new InvalidOperationException($"Listing NuGet sources failed, {list}");
        }

        var config = new StringBuilder();
        config.AppendLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        config.AppendLine("<configuration>");
        config.AppendLine("  <packageSources>");
        config.AppendLine("    <clear />");
        config.AppendLine($"    <add key=\"kegauth-test-feed\" value=\"{SecurityElement.Escape(Feed)}\" />");
        var lines = list.Output.Split('\n', StringSplitOptions.TrimEntries);
        var copied = new List<string>();
        for (var i = 0; i + 1 < lines.Length; i++)
        {
            var match = SourceHeader().Match(lines[i]);
            if (match.Success && match.Groups["state"].Value == "Enabled")
            {
                copied.Add(match.Groups["name"].Value);
                config.AppendLine(
                    $"    <add key=\"{SecurityElement.Escape(match.Groups["name"].Value)}\" value=\"{SecurityElement.Escape(lines[i + 1])}\" />");
            }
        }
        // Restore can pass from the global packages folder alone; fail here rather than on a clean machine.
        if (copied.Count == 0)
        {
            throw new InvalidOperationException($"No enabled NuGet source found to copy for the consumer, from:\n{list.Output}");
        }
        Timings.Add($"consumer sources: the test feed, then {string.Join(", ", copied)}");
        config.AppendLine("  </packageSources>");
        config.AppendLine("</configuration>");
        return config.ToString();
    }

    // "  1.  name [Enabled]" followed by the source's address on the next line.
    [GeneratedRegex(@"^\d+\.\s+(?<name>.+?)\s+\[(?<state>Enabled|Disabled)\]$")]
    private static partial Regex SourceHeader();

    private string? ReadPackagesFolder()
    {
        using var assets = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ProjectDirectory, "obj", "project.assets.json")));
        return assets.RootElement.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).FirstOrDefault();
    }

    public Task DisposeAsync()
    {
        // The unique test version would otherwise pile up in the global packages folder, run after run.
        if (_packagesFolder is not null && PackageVersion.Contains("-test.", StringComparison.Ordinal))
        {
            TryDelete(Path.Combine(_packagesFolder, "kegauth", PackageVersion.ToLowerInvariant()));
        }
        TryDelete(Root);
        return Task.CompletedTask;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Metadata(string key) =>
        ThisAssembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata {key} is missing.");
}
