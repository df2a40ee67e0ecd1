using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.AspNetCore.Tests.Telemetry;

/// <summary>
/// What one test app reports: the measurements of the KegAuth meter its own <see cref="IMeterFactory"/>
/// made (so parallel tests' apps do not mix in), and the spans of one trace that the test's requests
/// start with a <c>traceparent</c> header (ASP.NET Core's request span continues it, KegAuth's nest
/// under that). Npgsql's spans are taken too, to see the database work nest under KegAuth's.
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _spans;
    private readonly ConcurrentQueue<Measured> _measurements = new();
    private readonly ConcurrentQueue<Activity> _activities = new();
    private readonly ConcurrentQueue<string> _published = new();

    public TelemetryCapture(IServiceProvider services)
    {
        var factory = services.GetRequiredService<IMeterFactory>();
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == KegAuthTelemetry.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                _published.Enqueue(instrument.Name);
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue(new Measured(instrument.Name, value, Tags(tags))));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue(new Measured(instrument.Name, value, Tags(tags))));
        _meters.Start();

        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name is KegAuthTelemetry.ActivitySourceName or "Microsoft.AspNetCore" or "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == TraceId)
                {
                    _activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_spans);
    }

    /// <summary>The trace every request of <see cref="Traced"/> belongs to.</summary>
    public ActivityTraceId TraceId { get; } = ActivityTraceId.CreateRandom();

    /// <summary>The names of the KegAuth instruments the app's meter factory published.</summary>
    public IReadOnlyList<string> Published => [.. _published];

    public IReadOnlyList<Measured> Measurements => [.. _measurements];

    /// <summary>The stopped spans of the test's trace.</summary>
    public IReadOnlyList<Activity> Spans => [.. _activities];

    /// <summary>Gives <paramref name="client"/>'s requests the test's trace.</summary>
    public HttpClient Traced(HttpClient client)
    {
        client.DefaultRequestHeaders.Add("traceparent", $"00-{TraceId}-{ActivitySpanId.CreateRandom()}-01");
        return client;
    }

    /// <summary>The measurements of <paramref name="instrument"/>.</summary>
    public IReadOnlyList<Measured> Of(string instrument) => [.. _measurements.Where(m => m.Instrument == instrument)];

    /// <summary>The counts of <paramref name="instrument"/> summed per value of <paramref name="tag"/>.</summary>
    public IReadOnlyDictionary<string, double> SumBy(string instrument, string tag)
        => Of(instrument).GroupBy(m => m.Tag(tag) ?? "").ToDictionary(g => g.Key, g => g.Sum(m => m.Value));

    /// <summary>KegAuth's spans named <paramref name="name"/>.</summary>
    public IReadOnlyList<Activity> SpansNamed(string name)
        => [.. Spans.Where(a => a.Source.Name == KegAuthTelemetry.ActivitySourceName && a.OperationName == name)];

    public void Dispose()
    {
        _meters.Dispose();
        _spans.Dispose();
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        return copy;
    }

    public sealed record Measured(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public string? Tag(string name) => Tags.TryGetValue(name, out var value) ? value?.ToString() : null;

        public override string ToString() => $"{Instrument} {Value} {string.Join(",", Tags.Select(t => $"{t.Key}={t.Value}"))}";
    }
}
