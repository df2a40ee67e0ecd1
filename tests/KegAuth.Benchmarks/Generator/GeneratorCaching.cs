using KegAuth.Generators;
using Microsoft.CodeAnalysis;

namespace KegAuth.Benchmarks.Generator;

/// <summary>Checks that the benchmark's rerun measures a fully cached pipeline, not a silent re-emit.</summary>
internal static class GeneratorCaching
{
    /// <summary>Throws unless every KegAuth step and output is Cached or Unchanged after the unrelated edit.</summary>
    public static void AssertRerunCached(SyntheticCompilation project)
    {
        var driver = GeneratorBenchmarks.Driver(new KegAuthGenerator(), track: true).RunGenerators(project.Compilation);
        var run = driver.RunGenerators(project.Edited()).GetRunResult().Results[0];
        var reasons = run.TrackedSteps
            .Where(step => KegTrackingNames.All.Contains(step.Key))
            .Concat(run.TrackedOutputSteps)
            .SelectMany(step => step.Value.SelectMany(s => s.Outputs).Select(o => (step.Key, o.Reason)))
            .Where(o => o.Reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
            .ToList();
        if (reasons.Count > 0)
        {
            throw new InvalidOperationException("The rerun is not fully cached: " + string.Join(", ", reasons.Distinct()));
        }
    }
}
