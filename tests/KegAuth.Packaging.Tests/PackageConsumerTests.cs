using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Xunit;
using Xunit.Abstractions;

namespace KegAuth.Packaging.Tests;

/// <summary>
/// KegAuth as users install it: one package, restored from a feed into a fresh project outside the
/// repository, whose generator and analyzers run from the package.
/// </summary>
public sealed partial class PackageConsumerTests(ConsumerFixture fixture, ITestOutputHelper output) : IClassFixture<ConsumerFixture>
{
    [Fact]
    public void Package_carries_runtime_with_docs_and_analyzers_and_declares_runtime_dependencies()
    {
        using var package = ZipFile.OpenRead(fixture.PackagePath);
        var entries = package.Entries.Select(e => e.FullName).ToHashSet();
        output.WriteLine(string.Join('\n', entries.Order()));

        Assert.Contains("lib/net10.0/KegAuth.dll", entries);
        Assert.Contains("lib/net10.0/KegAuth.xml", entries);
        Assert.Contains("README.md", entries);
        // The common-password list's source and licence travel with the assembly that embeds it.
        Assert.Contains("THIRD-PARTY-NOTICES.md", entries);
        // Exactly these: any other assembly there would be a dependency the compiler cannot load.
        Assert.Equal(
            ["analyzers/dotnet/cs/KegAuth.CodeFixes.dll", "analyzers/dotnet/cs/KegAuth.Generators.dll"],
            entries.Where(e => e.StartsWith("analyzers/", StringComparison.Ordinal)).Order());

        var nuspecEntry = package.Entries.Single(e => e.FullName == "KegAuth.nuspec");
        using var stream = nuspecEntry.Open();
        var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Element(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;

        Assert.Equal(fixture.PackageVersion, Element("version"));
        Assert.Equal("MIT", Element("license"));
        Assert.Equal("README.md", Element("readme"));
        Assert.False(string.IsNullOrWhiteSpace(Element("description")));
        Assert.Contains("source-generator", Element("tags"), StringComparison.Ordinal);
        var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
            .Select(e => e.Attribute("id")!.Value).Order().ToArray();
        Assert.Equal(
            ["BCrypt.Net-Next", "EFCore.NamingConventions", "Microsoft.EntityFrameworkCore.Relational", "Microsoft.Extensions.DependencyInjection.Abstractions", "Microsoft.Extensions.Logging.Abstractions", "Microsoft.Extensions.Options"],
            dependencies);
    }

    [Fact]
    public async Task Consumer_builds_without_warnings_with_the_packaged_generator_and_runs()
    {
        var build = await DotNet.RunAsync(
            fixture.ProjectDirectory, "build", "--no-restore", "--nologo", "-p:EmitCompilerGeneratedFiles=true");
        Report("consumer build", build);
        Assert.True(build.ExitCode == 0, $"The consumer build failed, {build}");
        Assert.DoesNotMatch(WarningLine(), build.Output);
        Assert.Contains("0 Warning(s)", build.Output, StringComparison.Ordinal);

        // The generator ran from the package (not from a project reference): its output is on disk.
        var generated = Path.Combine(fixture.ProjectDirectory, "obj", "Debug", "net10.0", "generated", "KegAuth.Generators");
        Assert.True(
            Directory.Exists(generated) && Directory.EnumerateFiles(generated, "*.g.cs", SearchOption.AllDirectories).Any(),
            $"No generated sources under {generated}.");

        var run = await DotNet.RunAsync(
            fixture.ProjectDirectory, Path.Combine("bin", "Debug", "net10.0", "Consumer.dll"));
        Report("consumer run", run);
        Assert.True(run.ExitCode == 0, $"The consumer failed, {run}");
        Assert.Contains(
            "KEGAUTH-CONSUMER-OK active=1 email=ada@example.com password=True token=True forged=False db=True",
            run.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Packaged_analyzer_reports_a_non_partial_entity_as_KEG001()
    {
        var build = await DotNet.RunAsync(
            fixture.ProjectDirectory, "build", "--no-restore", "--nologo", "-p:KegBroken=true");
        Report("consumer build with a mistake", build);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error KEG001", build.Output, StringComparison.Ordinal);
    }

    private void Report(string step, DotNet.Result result)
    {
        foreach (var timing in fixture.Timings)
        {
            output.WriteLine(timing);
        }
        output.WriteLine($"{step}: {result.Elapsed.TotalSeconds:F1} s");
        output.WriteLine(result.Output);
    }

    // MSBuild's "file(line,col): warning CODE: ..." lines, not the "0 Warning(s)" summary.
    [GeneratedRegex(@":\s+warning\s+[A-Z]+[0-9]+", RegexOptions.IgnoreCase)]
    private static partial Regex WarningLine();
}
