using System.Diagnostics;
using System.Net;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>What one load run measured.</summary>
/// <param name="Requests">Requests sent (all answered 200, or the run throws).</param>
/// <param name="Elapsed">Wall time of the run.</param>
/// <param name="P50">Median latency.</param>
/// <param name="P99">99th percentile latency.</param>
/// <param name="AllocatedBytes">Bytes allocated in the whole process during the run, server and client together.</param>
/// <param name="ProcessorTime">CPU time the whole process used during the run (every thread, server and client; not PostgreSQL's own processes).</param>
internal sealed record EndToEndMeasurement(int Requests, TimeSpan Elapsed, TimeSpan P50, TimeSpan P99, long AllocatedBytes, TimeSpan ProcessorTime)
{
    /// <summary>
    /// CPU microseconds per request, client included: what a request costs the process, much less
    /// sensitive than requests/s to other work on a shared machine.
    /// </summary>
    public double ProcessorMicrosecondsPerRequest => ProcessorTime.TotalMicroseconds / Requests;

    /// <summary>Requests per second.</summary>
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Allocated bytes per request (client included).</summary>
    public double AllocatedPerRequest => (double)AllocatedBytes / Requests;
}

/// <summary>
/// A bounded in-process load generator: a fixed number of GET requests over exactly <c>concurrency</c>
/// loopback connections (one worker per connection, each sending its next request when the previous one
/// is answered), rotating through the set-up's credentials. It stops by itself when the count is reached.
/// </summary>
internal static class EndToEndLoadClient
{
    /// <summary>Sends <paramref name="requests"/> requests to <paramref name="path"/>; throws on any answer but 200.</summary>
    public static async Task<EndToEndMeasurement> RunAsync(EndToEndSetup setup, string path, int concurrency, int requests)
    {
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = concurrency,
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler) { BaseAddress = setup.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var target = new Uri(setup.BaseAddress, path);
        var latencies = new long[requests];
        var next = -1;
        var failures = 0;
        var firstFailure = (HttpStatusCode?)null;

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var processorBefore = Environment.CpuUsage.TotalTime;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var credential = setup.Allowed[i % setup.Allowed.Count];
                using var request = new HttpRequestMessage(HttpMethod.Get, target);
                request.Headers.TryAddWithoutValidation(credential.HeaderName, credential.HeaderValue);
                var sent = Stopwatch.GetTimestamp();
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                latencies[i] = Stopwatch.GetTimestamp() - sent;
                if (response.StatusCode != HttpStatusCode.OK && Interlocked.Increment(ref failures) == 1)
                {
                    firstFailure = response.StatusCode;
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var processor = Environment.CpuUsage.TotalTime - processorBefore;

        if (failures > 0)
        {
            throw new InvalidOperationException($"{setup.Name} GET {path}: {failures} of {requests} requests answered other than 200 (first: {(int?)firstFailure}).");
        }

        Array.Sort(latencies);
        return new EndToEndMeasurement(requests, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99), allocated, processor);
    }

    private static TimeSpan Percentile(long[] sorted, double fraction)
    {
        var index = Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1);
        return Stopwatch.GetElapsedTime(0, sorted[index]);
    }
}
