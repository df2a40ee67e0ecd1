using System.Diagnostics;
using KegAuth.Generators;
using Microsoft.CodeAnalysis;

namespace KegAuth.Benchmarks.Generator;

/// <summary>
/// <c>--profile-rerun</c>: the generator's and the floor's rerun after an unrelated edit, in a loop,
/// timed in process CPU time (steadier than wall time on a shared machine), for a quick comparison
/// or to run under a profiler (<c>dotnet-trace collect -- dotnet KegAuth.Benchmarks.dll --profile-rerun</c>).
/// The numbers to report come from <see cref="GeneratorBenchmarks"/>. With <c>--baseline path/KegAuth.Generators.dll</c>
/// it also times that build of the generator (an older commit's, say) in the same rounds.
/// </summary>
internal static class RerunProfile
{
    private const int Rounds = 6;
    private const int RerunsPerRound = 20;
    private const int FirstRunsPerRound = 3;

    /// <summary>Prints, per round, the mean CPU time of one rerun for KegAuth's generator and the floor.</summary>
    public static void Run(string? baselinePath)
    {
        var project = SyntheticCompilation.Create(1000, 1000);
        var keg = GeneratorBenchmarks.Driver(new KegAuthGenerator(), track: false).RunGenerators(project.Compilation);
        var floor = GeneratorBenchmarks.Driver(new FloorGenerator(), track: false).RunGenerators(project.Compilation);
        var baselineGenerator = baselinePath is null ? null : BaselineGenerator.Load(baselinePath);
        var baseline = baselineGenerator is null ? null : GeneratorBenchmarks.Driver(baselineGenerator, track: false).RunGenerators(project.Compilation);
        Console.WriteLine($"output: {Describe(keg)}" + (baseline is null ? string.Empty : $"; baseline output: {Describe(baseline)}"));
        for (var round = 0; round < Rounds; round++)
        {
            var kegTime = CpuTimePerRerun(keg, project);
            var floorTime = CpuTimePerRerun(floor, project);
            var line = $"rerun {kegTime:F1} ms, floor {floorTime:F1} ms, ratio {kegTime / floorTime:F2}";
            if (baseline is not null)
            {
                var baselineTime = CpuTimePerRerun(baseline, project);
                line += $"; baseline {baselineTime:F1} ms, ratio {baselineTime / floorTime:F2}, rerun/baseline {kegTime / baselineTime:F2}";
            }

            Console.WriteLine(line);
        }

        // The first run (a project opened, nothing cached) against the same floor and baseline.
        for (var round = 0; round < Rounds; round++)
        {
            var kegTime = CpuTimePerFirstRun(new KegAuthGenerator(), project);
            var floorTime = CpuTimePerFirstRun(new FloorGenerator(), project);
            var line = $"first run {kegTime:F1} ms, floor {floorTime:F1} ms, ratio {kegTime / floorTime:F2}";
            if (baselineGenerator is not null)
            {
                var baselineTime = CpuTimePerFirstRun(baselineGenerator, project);
                line += $"; baseline {baselineTime:F1} ms, ratio {baselineTime / floorTime:F2}, first run/baseline {kegTime / baselineTime:F2}";
            }

            Console.WriteLine(line);
        }
    }

    private static string Describe(GeneratorDriver driver)
    {
        var trees = driver.GetRunResult().GeneratedTrees;
        return $"{trees.Length} files, {trees.Sum(t => t.GetText().Lines.Count):N0} lines, {trees.Sum(t => t.Length):N0} characters";
    }

    private static double CpuTimePerFirstRun(IIncrementalGenerator generator, SyntheticCompilation project)
    {
        using var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        for (var i = 0; i < FirstRunsPerRound; i++)
        {
            GeneratorBenchmarks.Driver(generator, track: false).RunGenerators(project.Compilation.Clone());
        }

        process.Refresh();
        return (process.TotalProcessorTime - start).TotalMilliseconds / FirstRunsPerRound;
    }

    private static double CpuTimePerRerun(GeneratorDriver driver, SyntheticCompilation project)
    {
        using var process = Process.GetCurrentProcess();
        var start = process.TotalProcessorTime;
        for (var i = 0; i < RerunsPerRound; i++)
        {
            driver.RunGenerators(project.Edited());
        }

        process.Refresh();
        return (process.TotalProcessorTime - start).TotalMilliseconds / RerunsPerRound;
    }
}
