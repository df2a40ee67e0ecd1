using System.Diagnostics;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>
/// Issue 19's end-to-end harness (not BenchmarkDotNet): for each database, starts the no-authentication
/// ceiling, the KegAuth app and the Identity app on Kestrel (loopback, port 0), checks every set-up answers
/// as it must, then drives <c>GET /me</c> and the permission-protected endpoint at each concurrency with
/// the bounded load client and prints the ratios. Exit code 1 when a check or a request fails.
/// </summary>
internal static class EndToEndBenchmarks
{
    /// <summary>Warm-up requests before each measured cell (JIT, connection set-up, caches), as a share of the measured count.</summary>
    private const int WarmupDivisor = 5;

    /// <summary>Runs the harness with <paramref name="args"/>; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        EndToEndOptions options;
        try
        {
            options = EndToEndOptions.Parse(args);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var results = new List<EndToEndResult>();
        try
        {
            foreach (var database in options.Databases)
            {
                await RunHostAsync(results, database, options, EndToEndNoAuthHost.StartAsync);
                await RunHostAsync(results, database, options, () => EndToEndKegHost.StartAsync(database, options.Users, options.ContextPool));
                await RunHostAsync(results, database, options, () => EndToEndIdentityHost.StartAsync(database, options.Users, options.ContextPool));
            }
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync("End-to-end run failed: " + e.Message);
            return 1;
        }

        Console.WriteLine();
        Console.WriteLine(options.CheckOnly ? "Every set-up answered as expected (--check: no load sent)." : EndToEndReport.Format(results, options));
        return 0;
    }

    private static async Task RunHostAsync<THost>(List<EndToEndResult> results, EndToEndDatabaseKind database, EndToEndOptions options, Func<Task<THost>> start)
        where THost : IEndToEndHost
    {
        var setUp = Stopwatch.StartNew();
        await using var host = await start();
        Console.WriteLine($"[{database}] {string.Join(" + ", host.Setups.Select(s => s.Name))}: started and seeded in {setUp.Elapsed.TotalSeconds:0.0} s");
        foreach (var setup in host.Setups)
        {
            await EndToEndChecks.RunAsync(setup);
            Console.WriteLine($"[{database}] {setup.Name}: checks passed");
        }

        if (options.CheckOnly)
        {
            return;
        }

        // One warm-up pass over every cell of the host before any is measured: the first cell measured
        // used to absorb the JIT's tiering and the caches' first fills that its own warm-up did not.
        var cells = host.Setups
            .SelectMany(setup => new[] { EndToEndHost.MePath, EndToEndHost.ProtectedPath }.Select(path => (Setup: setup, Path: path)))
            .Where(cell => options.Measures(cell.Setup.Name, cell.Path))
            .ToList();
        foreach (var (setup, path) in cells)
        {
            foreach (var concurrency in options.Concurrency)
            {
                _ = await EndToEndLoadClient.RunAsync(setup, path, concurrency, Math.Max(concurrency, options.Requests / WarmupDivisor));
            }
        }

        foreach (var (setup, path) in cells)
        {
            foreach (var concurrency in options.Concurrency)
            {
                _ = await EndToEndLoadClient.RunAsync(setup, path, concurrency, Math.Max(concurrency, options.Requests / WarmupDivisor));
                var measured = await EndToEndLoadClient.RunAsync(setup, path, concurrency, options.Requests);
                results.Add(new EndToEndResult(database, setup.Name, path, concurrency, measured));
                Console.WriteLine($"[{database}] {setup.Name} GET {path} × {concurrency}: {measured.RequestsPerSecond:N0} req/s");
            }
        }
    }
}
