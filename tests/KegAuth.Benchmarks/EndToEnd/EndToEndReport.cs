using System.Globalization;
using System.Text;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>One measured cell: a set-up, an endpoint and a concurrency on one database.</summary>
internal sealed record EndToEndResult(EndToEndDatabaseKind Database, string Setup, string Path, int Concurrency, EndToEndMeasurement Measurement);

/// <summary>
/// The results as a Markdown table per database, with the ratios the targets are stated in, all
/// within this one run: throughput against the no-authentication ceiling, KegAuth against its Identity
/// counterpart (cookie against cookie, API token against bearer), and the protected endpoint's cost
/// against <c>/me</c> on the same set-up (requests/s of <c>/me</c> over those of the protected endpoint).
/// </summary>
internal static class EndToEndReport
{
    /// <summary>The ceiling's set-up name.</summary>
    public const string NoAuth = "No authentication";

    private static readonly Dictionary<string, string> Counterparts = new()
    {
        ["KegAuth cookie"] = "Identity cookie",
        ["KegAuth API token"] = "Identity bearer",
    };

    /// <summary>The tables.</summary>
    public static string Format(IReadOnlyList<EndToEndResult> results, EndToEndOptions options)
    {
        var text = new StringBuilder();
        foreach (var database in results.GroupBy(r => r.Database))
        {
            text.AppendLine(Invariant($"### {database.Key}, {options.Users:N0} users, {options.Requests:N0} requests per cell"));
            text.AppendLine();
            text.AppendLine("| Set-up | Endpoint | Clients | Requests/s | p50 ms | p99 ms | KB/request (incl. client) | CPU µs/request (incl. client) | × no-auth | × Identity | Cost × /me | CPU × Identity | CPU cost × /me |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in database)
            {
                var m = r.Measurement;
                var ceiling = Find(database, NoAuth, r.Path, r.Concurrency);
                var counterpart = Counterparts.TryGetValue(r.Setup, out var name) ? Find(database, name, r.Path, r.Concurrency) : null;
                var me = r.Path == EndToEndHost.ProtectedPath ? Find(database, r.Setup, EndToEndHost.MePath, r.Concurrency) : null;
                text.AppendLine(Invariant(
                    $"| {r.Setup} | {r.Path} | {r.Concurrency} | {m.RequestsPerSecond:N0} | {Ms(m.P50)} | {Ms(m.P99)} | {m.AllocatedPerRequest / 1024:N1} | {m.ProcessorMicrosecondsPerRequest:N0} | {Ratio(m, ceiling)} | {Ratio(m, counterpart)} | {(me is null ? "" : (me.RequestsPerSecond / m.RequestsPerSecond).ToString("0.00", CultureInfo.InvariantCulture))} | {CpuRatio(m, counterpart)} | {CpuRatio(m, me)} |"));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    private static EndToEndMeasurement? Find(IEnumerable<EndToEndResult> results, string setup, string path, int concurrency)
        => results.FirstOrDefault(r => r.Setup == setup && r.Path == path && r.Concurrency == concurrency)?.Measurement;

    private static string Ratio(EndToEndMeasurement m, EndToEndMeasurement? baseline)
        => baseline is null ? "" : (m.RequestsPerSecond / baseline.RequestsPerSecond).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>CPU per request of <paramref name="m"/> over <paramref name="baseline"/>'s: above 1 costs more.</summary>
    private static string CpuRatio(EndToEndMeasurement m, EndToEndMeasurement? baseline)
        => baseline is null ? "" : (m.ProcessorMicrosecondsPerRequest / baseline.ProcessorMicrosecondsPerRequest).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
