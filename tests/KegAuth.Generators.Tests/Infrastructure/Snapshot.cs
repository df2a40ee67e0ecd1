using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KegAuth.Generators.Tests.Infrastructure;

/// <summary>
/// Compares generated files with the expected <c>.g.cs</c> files under <c>Snapshots/&lt;case&gt;/</c>, exactly.
/// To re-record after an intended change, run the tests with <c>KEGAUTH_UPDATE_SNAPSHOTS=1</c>; the
/// expected files in the source tree are rewritten, and the diff is reviewed like any other change.
/// The generator's version in <c>[GeneratedCode]</c> is stored as <see cref="VersionPlaceholder"/>, so a
/// version bump rewrites no snapshot.
/// </summary>
internal static class Snapshot
{
    private const string UpdateVariable = "KEGAUTH_UPDATE_SNAPSHOTS";

    /// <summary>What stands for the generator's version in a snapshot.</summary>
    public const string VersionPlaceholder = "{version}";

    /// <summary>
    /// Runs the generator over <paramref name="source"/>, checks its files against the case's snapshot,
    /// and checks that it reported nothing and that the output compiles without errors or warnings.
    /// </summary>
    public static void VerifyGeneratedAndClean(string caseName, string source, [CallerFilePath] string callerPath = "")
    {
        var (output, result, _) = GeneratorRunner.Run(TestCompilation.Create(source));

        Verify(caseName, result, callerPath);
        Assert.Empty(result.Diagnostics);
        var problems = GeneratorRunner.ErrorsAndWarnings(output);
        Assert.True(problems.Length == 0, string.Join("\n", problems));
    }

    /// <summary>Checks every generated file of <paramref name="result"/> against the case's snapshot folder.</summary>
    public static void Verify(string caseName, GeneratorDriverRunResult result, [CallerFilePath] string callerPath = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots", caseName);
        var generated = result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => WithoutVersion(s.SourceText.ToString()));

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            foreach (var (hint, text) in generated)
            {
                File.WriteAllText(Path.Combine(folder, hint), text);
            }

            return;
        }

        Assert.True(Directory.Exists(folder), $"No snapshot folder {folder}; run with {UpdateVariable}=1 to record it.");
        var expectedFiles = Directory.GetFiles(folder).Select(Path.GetFileName).Order().ToArray();
        Assert.Equal(expectedFiles, generated.Keys.Order().ToArray());
        foreach (var (hint, text) in generated)
        {
            var expected = File.ReadAllText(Path.Combine(folder, hint));
            Assert.True(expected == text, $"{hint} differs from its snapshot; run with {UpdateVariable}=1 to re-record, then review the diff.\n--- actual ---\n{text}");
        }
    }

    private static string WithoutVersion(string text) =>
        text.Replace(VersionArgument(KegAuth.Generators.Emitting.GeneratedCodeInfo.Version), VersionArgument(VersionPlaceholder), StringComparison.Ordinal);

    private static string VersionArgument(string version) => "GeneratedCode(\"KegAuth.Generators\", \"" + version + "\")";
}
