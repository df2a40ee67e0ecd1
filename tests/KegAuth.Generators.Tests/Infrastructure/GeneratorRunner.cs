using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KegAuth.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="KegAuthGenerator"/> over a compilation with step tracking on.</summary>
internal static class GeneratorRunner
{
    /// <summary>A fresh driver that records every tracked step.</summary>
    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            [new KegAuthGenerator().AsSourceGenerator()],
            parseOptions: TestCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the compilation with generated code added and the run result.</summary>
    public static (Compilation Output, GeneratorDriverRunResult Result, GeneratorDriver Driver) Run(Compilation input, GeneratorDriver? driver = null)
    {
        driver = (driver ?? CreateDriver()).RunGeneratorsAndUpdateCompilation(input, out var output, out _);
        return (output, driver.GetRunResult(), driver);
    }

    /// <summary>Every error and warning of <paramref name="compilation"/>, formatted for an assertion message.</summary>
    public static string[] ErrorsAndWarnings(Compilation compilation) =>
        compilation.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d => d.ToString())
            .ToArray();
}
