using System.Globalization;
using System.Text;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>One measured cell in one round: a set-up, an endpoint and a concurrency on one database.</summary>
internal sealed record EndToEndResult(EndToEndDatabaseKind Database, string Setup, string Path, int Concurrency, EndToEndMeasurement Measurement, int Round = 1);

/// <summary>
/// The results as a Markdown table per database, with the ratios the targets are stated in, all
/// within this one run: throughput against the no-authentication ceiling, KegAuth against its Identity
/// counterpart (cookie against cookie, API token against bearer), and the protected endpoint's cost
/// against <c>/me</c> on the same set-up (requests/s of <c>/me</c> over those of the protected endpoint).
/// Each ratio is taken within a round (measurements moments apart); over several rounds a cell shows the
/// medians, and its ratios the median with the lowest and highest round in brackets.
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
            var rounds = database.Max(r => r.Round);
            text.AppendLine(Invariant($"### {database.Key}, {options.Users:N0} users, {options.Requests:N0} requests per cell, {rounds} round(s)"));
            text.AppendLine();
            text.AppendLine("| Set-up | Endpoint | Clients | Requests/s | p50 ms | p99 ms | KB/request (incl. client) | CPU µs/request (incl. client) | × no-auth | × Identity | Cost × /me | CPU × Identity | CPU cost × /me |");
            text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var cell in database.GroupBy(r => (r.Setup, r.Path, r.Concurrency)).OrderBy(c => c.Key.Path, StringComparer.Ordinal).ThenBy(c => c.Key.Setup, StringComparer.Ordinal).ThenBy(c => c.Key.Concurrency))
            {
                var (setup, path, concurrency) = cell.Key;
                var measured = cell.Select(r => r.Measurement).ToList();
                var counterpart = Counterparts.GetValueOrDefault(setup);
                var me = path == EndToEndHost.ProtectedPath ? setup : null;
                text.AppendLine(Invariant(
                    $"| {setup} | {path} | {concurrency} | {Median(measured, m => m.RequestsPerSecond):N0} | {Median(measured, m => m.P50.TotalMilliseconds):0.00} | {Median(measured, m => m.P99.TotalMilliseconds):0.00} | {Median(measured, m => m.AllocatedPerRequest) / 1024:N1} | {Median(measured, m => m.ProcessorMicrosecondsPerRequest):N0} | {Ratios(database, cell, NoAuth, path, (m, b) => m.RequestsPerSecond / b.RequestsPerSecond)} | {Ratios(database, cell, counterpart, path, (m, b) => m.RequestsPerSecond / b.RequestsPerSecond)} | {Ratios(database, cell, me, EndToEndHost.MePath, (m, b) => b.RequestsPerSecond / m.RequestsPerSecond)} | {Ratios(database, cell, counterpart, path, CpuRatio)} | {Ratios(database, cell, me, EndToEndHost.MePath, CpuRatio)} |"));
            }

            text.AppendLine();
        }

        return text.ToString();
    }

    /// <summary>
    /// <paramref name="ratio"/> of each round's measurement of <paramref name="cell"/> against the same
    /// round's measurement of <paramref name="baselineSetup"/> at <paramref name="baselinePath"/>: the
    /// median, with the range over rounds when there are several; empty without a baseline.
    /// </summary>
    private static string Ratios(
        IEnumerable<EndToEndResult> database, IGrouping<(string Setup, string Path, int Concurrency), EndToEndResult> cell,
        string? baselineSetup, string baselinePath, Func<EndToEndMeasurement, EndToEndMeasurement, double> ratio)
    {
        if (baselineSetup is null)
        {
            return "";
        }

        var ratios = (from r in cell
                      join b in database on (r.Round, baselineSetup, baselinePath, r.Concurrency) equals (b.Round, b.Setup, b.Path, b.Concurrency)
                      select ratio(r.Measurement, b.Measurement)).Order().ToList();
        return ratios.Count switch
        {
            0 => "",
            1 => Invariant($"{ratios[0]:0.00}"),
            _ => Invariant($"{Median(ratios, x => x):0.00} ({ratios[0]:0.00}–{ratios[^1]:0.00})"),
        };
    }

    /// <summary>CPU per request of <paramref name="m"/> over <paramref name="baseline"/>'s: above 1 costs more.</summary>
    private static double CpuRatio(EndToEndMeasurement m, EndToEndMeasurement baseline)
        => m.ProcessorMicrosecondsPerRequest / baseline.ProcessorMicrosecondsPerRequest;

    private static double Median<T>(IReadOnlyList<T> items, Func<T, double> value)
    {
        var sorted = items.Select(value).Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
