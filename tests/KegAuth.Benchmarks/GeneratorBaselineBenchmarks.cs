using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using KegAuth.Benchmarks.Generator;
using KegAuth.Generators;
using Microsoft.CodeAnalysis;

namespace KegAuth.Benchmarks;

/// <summary>
/// "The generator does not get slower", measured as a ratio within one run: this build's generator
/// against another build of it (an older commit's) loaded beside it, on the same project as
/// <see cref="GeneratorBenchmarks"/>. The baseline is the assembly named by the environment variable
/// <c>KEGAUTH_BASELINE_GENERATOR</c>; docs/benchmarks.md has the commands.
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class GeneratorBaselineBenchmarks
{
    /// <summary>The environment variable naming the baseline generator assembly.</summary>
    public const string Variable = "KEGAUTH_BASELINE_GENERATOR";

    private SyntheticCompilation _project = null!;
    private IIncrementalGenerator _baseline = null!;
    private GeneratorDriver _driver = null!;
    private GeneratorDriver _baselineDriver = null!;

    /// <summary>Loads the baseline and runs both generators once on the project.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable(Variable)
            ?? throw new InvalidOperationException($"Set {Variable} to the KegAuth.Generators.dll to compare against (docs/benchmarks.md, \"Generator against an older build\").");
        _baseline = BaselineGenerator.Load(path);
        _project = SyntheticCompilation.Create(1000, 1000);
        _driver = GeneratorBenchmarks.Driver(new KegAuthGenerator(), track: false).RunGenerators(_project.Compilation);
        _baselineDriver = GeneratorBenchmarks.Driver(_baseline, track: false).RunGenerators(_project.Compilation);
    }

    /// <summary>This build's first run.</summary>
    [Benchmark]
    [BenchmarkCategory("FirstRun")]
    public GeneratorDriver FirstRun() => GeneratorBenchmarks.Driver(new KegAuthGenerator(), track: false).RunGenerators(_project.Compilation.Clone());

    /// <summary>The baseline's first run.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("FirstRun")]
    public GeneratorDriver BaselineFirstRun() => GeneratorBenchmarks.Driver(_baseline, track: false).RunGenerators(_project.Compilation.Clone());

    /// <summary>This build's rerun after an unrelated edit.</summary>
    [Benchmark]
    [BenchmarkCategory("Rerun")]
    public GeneratorDriver Rerun() => _driver.RunGenerators(_project.Edited());

    /// <summary>The baseline's rerun after the same edit.</summary>
    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Rerun")]
    public GeneratorDriver BaselineRerun() => _baselineDriver.RunGenerators(_project.Edited());

    /// <summary>In process (the baseline is loaded from a path), ratios per category.</summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig()
        {
            AddJob(Job.ShortRun.WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance));
            AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory);
        }
    }
}
