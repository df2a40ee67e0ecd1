using System.Diagnostics;
using KegAuth.Generators;

namespace KegAuth.Benchmarks.Generator;

/// <summary>
/// <c>--profile-rerun</c>: the generator's and the floor's rerun after an unrelated edit, in a loop,
/// timed in process CPU time (steadier than wall time on a shared machine), for a quick comparison
/// or to run under a profiler (<c>dotnet-trace collect -- dotnet KegAuth.Benchmarks.dll --profile-rerun</c>).
/// The numbers to report come from <see cref="GeneratorBenchmarks"/>.
/// </summary>
internal static class RerunProfile
{
    private const int Rounds = 6;
    private const int RerunsPerRound = 20;

    /// <summary>Prints, per round, the mean CPU time of one rerun for KegAuth's generator and the floor.</summary>
    public static void Run()
    {
        var project = SyntheticCompilation.Create(1000, 1000);
        var keg = GeneratorBenchmarks.Driver(new KegAuthGenerator(), track: false).RunGenerators(project.Compilation);
        var floor = GeneratorBenchmarks.Driver(new FloorGenerator(), track: false).RunGenerators(project.Compilation);
        for (var round = 0; round < Rounds; round++)
        {
            var kegTime = CpuTimePerRerun(keg, project);
            var floorTime = CpuTimePerRerun(floor, project);
            Console.WriteLine($"rerun {kegTime:F1} ms, floor {floorTime:F1} ms, ratio {kegTime / floorTime:F2}");
        }
    }

    private static double CpuTimePerRerun(Microsoft.CodeAnalysis.GeneratorDriver driver, SyntheticCompilation project)
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
