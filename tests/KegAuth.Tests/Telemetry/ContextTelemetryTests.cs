using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using KegAuth.Telemetry;
using KegAuth.Tests.Databases;
using KegAuth.Tests.EntityFrameworkCore;
using KegAuth.Tests.Permissions;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Telemetry;

/// <summary>
/// Issue 18 at the context level, with options built by hand (no host, so the shared meter): a
/// permission read from the database and a session-key reset in SaveChanges are each a span under the
/// caller's and a measurement; a cached read and a save that ends no session are neither. Only this
/// test's trace is looked at (measurements are taken with the span current), so parallel tests do not
/// mix in.
/// </summary>
public abstract class ContextTelemetryTests(TestDatabase database) : IDisposable
{
    private static readonly ActivitySource TestSource = new("KegAuth.Tests.Telemetry");

    private readonly KegDatabase<PermissionContext> _kit = new(database);

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task A_permission_read_and_a_session_key_reset_are_traced_and_counted_and_nothing_else_is()
    {
        using (var seed = _kit.NewContext())
        {
            seed.Users.Add(new PermUser { Username = "member", Groups = { new Group { Name = "group", Permissions = { new Permission { Token = "reports.view" } } } } });
            await seed.SaveChangesAsync();
        }

        using var trace = new TraceCapture();
        var parent = trace.Parent;
        await using (var db = _kit.NewContext())
        {
            var user = await db.Users.Include(u => u.Groups).SingleAsync();
            var tokens = await user.GetAllPermissionTokensAsync(db);
            var cached = await user.GetAllPermissionTokensAsync(db);
            user.LastLoginUtc = _kit.Now;
            await db.SaveChangesAsync();
            user.Groups.Clear();
            await db.SaveChangesAsync();

            Assert.Equal(["reports.view"], tokens);
            Assert.Same(tokens, cached);
        }

        parent.Stop();
        var spans = trace.Spans;
        var resolve = Assert.Single(spans, s => s.OperationName == "kegauth.permissions.resolve");
        Assert.Equal(parent.SpanId, resolve.ParentSpanId);
        Assert.Equal("user", resolve.GetTagItem("kegauth.permission.holder"));
        Assert.Equal(1, resolve.GetTagItem("kegauth.permission.count"));
        var reset = Assert.Single(spans, s => s.OperationName == "kegauth.session_key.reset");
        Assert.Equal(parent.SpanId, reset.ParentSpanId);
        Assert.Equal(1, reset.GetTagItem("kegauth.session_key.resets"));
        Assert.Equal(
            ["kegauth.permission.resolutions 1 holder=user", "kegauth.session.revocations 1 reason=rights_changed"],
            trace.Measurements.Order(StringComparer.Ordinal));
    }

    /// <summary>The test's own span, with KegAuth's spans and shared-meter measurements of its trace.</summary>
    private sealed class TraceCapture : IDisposable
    {
        private readonly ActivityListener _spanListener;
        private readonly MeterListener _meterListener = new();
        private readonly ConcurrentQueue<Activity> _spans = new();
        private readonly ConcurrentQueue<string> _measurements = new();

        public TraceCapture()
        {
            _spanListener = new ActivityListener
            {
                ShouldListenTo = source => source.Name is KegAuthTelemetry.ActivitySourceName or "KegAuth.Tests.Telemetry",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = activity =>
                {
                    if (activity.TraceId == Parent?.TraceId && activity.Source.Name == KegAuthTelemetry.ActivitySourceName)
                    {
                        _spans.Enqueue(activity);
                    }
                },
            };
            ActivitySource.AddActivityListener(_spanListener);
            Parent = TestSource.StartActivity("test") ?? throw new InvalidOperationException("The test span was not sampled.");

            _meterListener.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, KegAuthMetrics.Shared.Meter))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                // Recorded synchronously, so the span current here tells whose measurement it is.
                if (Activity.Current?.TraceId == Parent.TraceId)
                {
                    _measurements.Enqueue($"{instrument.Name} {value} {string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))}");
                }
            });
            _meterListener.Start();
        }

        public Activity Parent { get; }

        public IReadOnlyList<Activity> Spans => [.. _spans];

        public IReadOnlyList<string> Measurements => [.. _measurements];

        public void Dispose()
        {
            Parent.Dispose();
            _meterListener.Dispose();
            _spanListener.Dispose();
        }
    }
}

/// <summary><see cref="ContextTelemetryTests"/> on SQLite.</summary>
public sealed class ContextTelemetryTestsOnSqlite() : ContextTelemetryTests(new SqliteTestDatabase());

/// <summary><see cref="ContextTelemetryTests"/> on PostgreSQL.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ContextTelemetryTestsOnPostgres(PostgresFixture postgres) : ContextTelemetryTests(postgres.NewDatabase());
