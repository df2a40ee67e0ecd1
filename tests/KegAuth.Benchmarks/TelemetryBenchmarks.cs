using System.Diagnostics;
using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using KegAuth.Telemetry;

namespace KegAuth.Benchmarks;

/// <summary>
/// What KegAuth's telemetry costs per instrumented operation (issue 18): the records a sign-in makes
/// (duration start, attempt counter, duration histogram, a span with its result tag), with nobody
/// listening and with a <see cref="MeterListener"/> and an <see cref="ActivityListener"/> attached, against
/// the cheapest real operation KegAuth instruments a neighbour of (a reset-token check, in the same run).
/// docs/telemetry.md has the results.
/// </summary>
[MemoryDiagnoser]
public class TelemetryBenchmarks
{
    private readonly KegAuthMetrics _metrics = new(meterFactory: null);
    private Infrastructure.BenchUser _user = null!;
    private string _token = null!;
    private MeterListener? _meterListener;
    private ActivityListener? _activityListener;

    /// <summary>Whether a metrics and a tracing listener take KegAuth's instruments.</summary>
    [Params(false, true)]
    public bool Listening { get; set; }

    /// <summary>Issues the yardstick's token; attaches the listeners when <see cref="Listening"/>.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _user = new Infrastructure.BenchUser { Id = 4242, Username = "someone@example.com", Password = PasswordHash.Create("a password", workFactor: 4) };
        _token = _user.TokenGenerate(Infrastructure.BenchSetup.Options);
        if (!ResetTokenCheck())
        {
            throw new InvalidOperationException("The yardstick rejected its own token.");
        }

        if (!Listening)
        {
            return;
        }

        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == _metrics.Meter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<long>(static (_, _, _, _) => { });
        _meterListener.SetMeasurementEventCallback<double>(static (_, _, _, _) => { });
        _meterListener.Start();
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == KegAuthTelemetry.ActivitySourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_activityListener);
    }

    /// <summary>Detaches the listeners.</summary>
    [GlobalCleanup]
    public void StopListening()
    {
        _meterListener?.Dispose();
        _activityListener?.Dispose();
    }

    /// <summary>The yardstick: KegAuth's reset-token check, a few microseconds of HMAC and JSON.</summary>
    [Benchmark(Baseline = true)]
    public bool ResetTokenCheck() => _user.TokenVerify(_token, Infrastructure.BenchSetup.Options);

    /// <summary>Every telemetry record one sign-in makes.</summary>
    [Benchmark]
    public string SignInRecords()
    {
        var started = _metrics.SignInStarted();
        using var activity = KegAuthActivitySource.Source.StartActivity(KegAuthActivitySource.SignIn);
        activity?.SetTag(KegAuthActivitySource.ResultTag, KegAuthTelemetryValues.Succeeded);
        _metrics.SignIn(KegAuthTelemetryValues.Succeeded, started);
        return KegAuthTelemetryValues.Succeeded;
    }
}
