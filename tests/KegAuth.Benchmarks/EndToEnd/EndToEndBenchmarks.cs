using System.Diagnostics;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>
/// Issue 19's end-to-end harness (not BenchmarkDotNet): for each database, starts the no-authentication
/// ceiling, the KegAuth app and the Identity app on Kestrel (loopback, port 0) side by side, checks every
/// set-up answers as it must, then drives <c>GET /me</c> and the permission-protected endpoint at each
/// concurrency with the bounded load client, round by round, and prints the ratios. Exit code 1 when a check or a request fails.
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
                await RunDatabaseAsync(results, database, options);
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

    /// <summary>
    /// Starts every host of <paramref name="database"/> side by side, checks them, and measures the cells
    /// round by round: in each round the set-ups of one endpoint and client count run back to back (in
    /// alternating order), so a ratio compares measurements taken moments apart.
    /// </summary>
    private static async Task RunDatabaseAsync(List<EndToEndResult> results, EndToEndDatabaseKind database, EndToEndOptions options)
    {
        await using var noAuth = await StartAsync(database, EndToEndNoAuthHost.StartAsync);
        await using var keg = await StartAsync(database, () => EndToEndKegHost.StartAsync(database, options.Users, options.ContextPool));
        await using var identity = await StartAsync(database, () => EndToEndIdentityHost.StartAsync(database, options.Users, options.ContextPool));
        if (options.CheckOnly)
        {
            return;
        }

        var setups = new IEndToEndHost[] { noAuth, keg, identity }.SelectMany(host => host.Setups).ToList();
        // Client count outside, endpoint inside: a set-up's /me and protected cells also run moments apart.
        var cells = (from concurrency in options.Concurrency
                     from path in new[] { EndToEndHost.MePath, EndToEndHost.ProtectedPath }
                     select (Path: path, Concurrency: concurrency, Setups: setups.Where(s => options.Measures(s.Name, path)).ToList()))
            .Where(cell => cell.Setups.Count > 0)
            .ToList();

        // One warm-up pass over every cell before any is measured: the first cell measured used to absorb
        // the JIT's tiering and the caches' first fills that its own warm-up did not.
        foreach (var (path, concurrency, cellSetups) in cells)
        {
            foreach (var setup in cellSetups)
            {
                _ = await EndToEndLoadClient.RunAsync(setup, path, concurrency, Math.Max(concurrency, options.Requests / WarmupDivisor));
            }
        }

        for (var round = 1; round <= options.Rounds; round++)
        {
            foreach (var (path, concurrency, cellSetups) in cells)
            {
                foreach (var setup in round % 2 == 1 ? cellSetups : Enumerable.Reverse(cellSetups))
                {
                    _ = await EndToEndLoadClient.RunAsync(setup, path, concurrency, Math.Max(concurrency, options.Requests / WarmupDivisor));
                    var measured = await EndToEndLoadClient.RunAsync(setup, path, concurrency, options.Requests);
                    results.Add(new EndToEndResult(database, setup.Name, path, concurrency, measured, round));
                    Console.WriteLine($"[{database}] round {round}: {setup.Name} GET {path} × {concurrency}: {measured.RequestsPerSecond:N0} req/s");
                }
            }
        }
    }

    private static async Task<THost> StartAsync<THost>(EndToEndDatabaseKind database, Func<Task<THost>> start)
        where THost : IEndToEndHost
    {
        var setUp = Stopwatch.StartNew();
        var host = await start();
        try
        {
            Console.WriteLine($"[{database}] {string.Join(" + ", host.Setups.Select(s => s.Name))}: started and seeded in {setUp.Elapsed.TotalSeconds:0.0} s");
            foreach (var setup in host.Setups)
            {
                await EndToEndChecks.RunAsync(setup);
                Console.WriteLine($"[{database}] {setup.Name}: checks passed");
            }

            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }
}
