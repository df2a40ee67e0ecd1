using System.Diagnostics;
using KegAuth.Generators;
using Microsoft.CodeAnalysis;

namespace KegAuth.Benchmarks.Generator;

/// <summary>
/// <c>--profile-rerun</c>: the generator's and the floor's rerun after an unrelated edit and first run,
/// in a loop, timed in process CPU time (steadier than wall time on a shared machine), for a quick
/// comparison or to run under a profiler (<c>dotnet-trace collect -- dotnet KegAuth.Benchmarks.dll --profile-rerun</c>).
/// With <c>--baseline path/KegAuth.Generators.dll</c> it also times that build of the generator (an
/// older commit's, say) in the same rounds, interleaved, and prints the median of the per-round ratios:
/// load on the machine moves all three alike within a round. It also prints the GC mode, what one first run
/// allocates, and how long parsing each build's output takes.
/// </summary>
internal static class RerunProfile
{
    private const int Rounds = 9;
    private const int RerunsPerRound = 20;
    private const int FirstRunsPerRound = 3;

    /// <summary>Prints, per round, the mean CPU time of one rerun and one first run for each generator, then the medians.</summary>
    public static void Run(string? baselinePath)
    {
        var project = SyntheticCompilation.Create(1000, 1000);
        var baselineGenerator = baselinePath is null ? null : BaselineGenerator.Load(baselinePath);
        var generators = new List<(string Name, Func<IIncrementalGenerator> Create)> { ("keg", () => new KegAuthGenerator()), ("floor", () => new FloorGenerator()) };
        if (baselineGenerator is not null)
        {
            generators.Add(("baseline", () => baselineGenerator));
        }

        var drivers = generators.Select(g => GeneratorBenchmarks.Driver(g.Create(), track: false).RunGenerators(project.Compilation)).ToList();
        // The compiler server (VBCSCompiler) and csc run with server GC; this process runs with what the
        // environment says (DOTNET_gcServer=1 for the compiler's setting), and the first run is GC-bound.
        Console.WriteLine($"GC: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}, {Environment.ProcessorCount} processors");
        Console.WriteLine(string.Join("; ", generators.Select((g, i) => $"{g.Name} output: {Describe(drivers[i])}")));
        Console.WriteLine("first run allocates: " + string.Join(", ", generators.Select(g => $"{g.Name} {Allocated(() => GeneratorBenchmarks.Driver(g.Create(), track: false).RunGenerators(project.Compilation.Clone())) / 1e6:F1} MB")));

        Measure("rerun", generators, i => CpuTime(RerunsPerRound, () => drivers[i].RunGenerators(project.Edited())));
        Measure("first run", generators, i => CpuTime(FirstRunsPerRound, () => GeneratorBenchmarks.Driver(generators[i].Create(), track: false).RunGenerators(project.Compilation.Clone())));

        // The driver hands out its trees unparsed (a first run takes a tenth of this); the compilation
        // parses them when it binds. This times that parse alone, on each build's own output: the part
        // of a build's cost that grows with the amount of generated text, whatever the generator does.
        var outputs = drivers.Select(d => d.GetRunResult().GeneratedTrees.Select(t => (t.GetText(), t.FilePath)).ToArray()).ToList();
        Measure("parse of the output", generators, i => CpuTime(FirstRunsPerRound, () => Parse(outputs[i])));
    }

    private static void Parse((Microsoft.CodeAnalysis.Text.SourceText Text, string Path)[] files)
    {
        foreach (var (text, path) in files)
        {
            _ = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(text, SyntheticCompilation.ParseOptions, path).GetRoot();
        }
    }

    private static void Measure(string what, List<(string Name, Func<IIncrementalGenerator> Create)> generators, Func<int, double> time)
    {
        var ratios = new List<double[]>();
        for (var round = 0; round < Rounds; round++)
        {
            var times = generators.Select((_, i) => time(i)).ToArray();
            Console.WriteLine($"{what}: " + string.Join(", ", generators.Select((g, i) => $"{g.Name} {times[i]:F1} ms")));
            if (round > 0)
            {
                // The first round warms up the JIT and the caches; it is shown, not counted.
                ratios.Add([times[0] / times[1], times.Length > 2 ? times[0] / times[2] : double.NaN]);
            }
        }

        Console.WriteLine($"{what}, median of {ratios.Count} rounds: keg/floor {Median(ratios.Select(r => r[0])):F2}"
            + (generators.Count > 2 ? $", keg/baseline {Median(ratios.Select(r => r[1])):F2}" : string.Empty));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Describe(GeneratorDriver driver)
    {
        var trees = driver.GetRunResult().GeneratedTrees;
        return $"{trees.Length} files, {trees.Sum(t => t.GetText().Lines.Count):N0} lines, {trees.Sum(t => t.Length):N0} characters";
    }

    private static long Allocated(Action action)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        action();
        return GC.GetTotalAllocatedBytes(precise: true) - before;
    }

    private static double CpuTime(int repetitions, Action action)
    {
        // Each generator pays for collecting its own garbage: without the collections the garbage one
        // generator left was collected, and timed, inside the next one's block.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        for (var i = 0; i < repetitions; i++)
        {
            action();
        }

        GC.Collect();
        process.Refresh();
        return (process.TotalProcessorTime - start).TotalMilliseconds / repetitions;
    }
}
