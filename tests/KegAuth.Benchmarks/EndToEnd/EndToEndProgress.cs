using System.Diagnostics;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>Timed progress lines for the set-up phases, so a slow seed or sign-in shows where its time went.</summary>
internal static class EndToEndProgress
{
    /// <summary>Runs <paramref name="step"/> and prints how long it took.</summary>
    public static async Task<T> TimeAsync<T>(string label, Func<Task<T>> step)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await step();
        Console.WriteLine($"  {label}: {Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s");
        return result;
    }

    /// <summary>Runs <paramref name="step"/> and prints how long it took.</summary>
    public static Task TimeAsync(string label, Func<Task> step) => TimeAsync(label, async () =>
    {
        await step();
        return true;
    });

    /// <summary>Runs <paramref name="step"/> and prints how long it took.</summary>
    public static void Time(string label, Action step) => TimeAsync(label, () =>
    {
        step();
        return Task.FromResult(true);
    }).GetAwaiter().GetResult();
}
