using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using KegAuth.Benchmarks.Generator;
using KegAuth.Generators;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace KegAuth.Benchmarks;

/// <summary>
/// The generator as an IDE runs it, on a project of 1,000 annotated entities and 1,000 ordinary
/// classes: (a) first run, (b) rerun after an unrelated edit, (c) the project's own compile
/// diagnostics, (d) the same with the generated code, and (f) a floor generator that only finds the
/// attributes. docs/benchmarks.md ("## Generator") has the results and the targets.
/// </summary>
[Config(typeof(ShortInProcess))]
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const int Entities = 1000;
    private const int Ordinary = 1000;

    // In process, every benchmark shares one project and one set of checks: building and checking
    // 2,000 files costs more than the whole measured run.
    private static readonly Lazy<Prepared> Shared = new(Prepare);

    private SyntheticCompilation _project = null!;
    private GeneratorDriver _driver = null!;
    private GeneratorDriver _floorDriver = null!;
    private Compilation _output = null!;

    /// <summary>Takes the shared project and the drivers that already ran once on it.</summary>
    [GlobalSetup]
    public void Setup() => (_project, _driver, _floorDriver, _output) = Shared.Value;

    /// <summary>(a) The generator's first run on a fresh driver.</summary>
    [Benchmark]
    public GeneratorDriver FirstRun() => Driver(new KegAuthGenerator(), track: false).RunGenerators(_project.Compilation.Clone());

    /// <summary>(b) The driver from the first run, after an edit to an unrelated file.</summary>
    [Benchmark]
    public GeneratorDriver RerunAfterUnrelatedEdit() => _driver.RunGenerators(_project.Edited());

    /// <summary>(c) Compile diagnostics of the user's code alone.</summary>
    [Benchmark]
    public int InputDiagnostics() => _project.Compilation.Clone().GetDiagnostics().Length;

    /// <summary>(d) Compile diagnostics of the user's code plus the generated code.</summary>
    [Benchmark]
    public int OutputDiagnostics() => _output.Clone().GetDiagnostics().Length;

    /// <summary>(f) The floor generator's first run.</summary>
    [Benchmark]
    public GeneratorDriver FloorFirstRun() => Driver(new FloorGenerator(), track: false).RunGenerators(_project.Compilation.Clone());

    /// <summary>(f) The floor generator's rerun after the same unrelated edit.</summary>
    [Benchmark]
    public GeneratorDriver FloorRerunAfterUnrelatedEdit() => _floorDriver.RunGenerators(_project.Edited());

    private static Prepared Prepare()
    {
        var project = SyntheticCompilation.Create(Entities, Ordinary);
        var driver = Driver(new KegAuthGenerator(), track: false).RunGeneratorsAndUpdateCompilation(project.Compilation, out var output, out _);
        var floorDriver = Driver(new FloorGenerator(), track: false).RunGenerators(project.Compilation);

        var generated = driver.GetRunResult().GeneratedTrees;
        var lines = generated.Sum(tree => tree.GetText().Lines.Count);
        Console.WriteLine($"// generated files: {generated.Length}, lines: {lines}, lines per entity: {(double)lines / Entities:F1}");
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The synthetic project does not compile: " + string.Join("\n", errors));
        }

        GeneratorCaching.AssertRerunCached(project);
        return new Prepared(project, driver, floorDriver, output);
    }

    /// <summary>A driver for <paramref name="generator"/>, as the IDE creates one.</summary>
    internal static GeneratorDriver Driver(IIncrementalGenerator generator, bool track) =>
        CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: SyntheticCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: track));

    private sealed record Prepared(SyntheticCompilation Project, GeneratorDriver Driver, GeneratorDriver FloorDriver, Compilation Output);

    /// <summary>BenchmarkDotNet's short job, in process: the project needs no separate build and restore.</summary>
    private sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }
}
