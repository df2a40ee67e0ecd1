using KegAuth;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace KegAuth.Sample.Web;

/// <summary>
/// OpenTelemetry for the sample: KegAuth's meter and spans (docs/telemetry.md). Settings:
/// <c>Telemetry:Console</c> (default on) prints metrics every <c>Telemetry:ConsoleIntervalSeconds</c>
/// (default 10) and each finished span to standard output; <c>Telemetry:Prometheus</c> (default off)
/// serves the metrics for scraping at <c>/metrics</c>.
/// </summary>
public static class SampleTelemetry
{
    /// <summary>Registers OpenTelemetry with the exporters the settings ask for; nothing when none is on.</summary>
    public static void AddSampleTelemetry(this WebApplicationBuilder builder)
    {
        var console = builder.Configuration.GetValue("Telemetry:Console", true);
        var prometheus = builder.Configuration.GetValue("Telemetry:Prometheus", false);
        if (!console && !prometheus)
        {
            return;
        }

        var interval = TimeSpan.FromSeconds(builder.Configuration.GetValue("Telemetry:ConsoleIntervalSeconds", 10));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("KegAuth.Sample.Web"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(KegAuthTelemetry.MeterName);
                if (console)
                {
                    metrics.AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)interval.TotalMilliseconds);
                }

                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            })
            .WithTracing(tracing =>
            {
                // ASP.NET Core's own request spans too: KegAuth's spans are their children, and the default
                // parent-based sampler drops every child of a request span that is not recorded.
                tracing.AddSource("Microsoft.AspNetCore", KegAuthTelemetry.ActivitySourceName);
                if (console)
                {
                    tracing.AddConsoleExporter();
                }
            });
    }

    /// <summary>Maps <c>/metrics</c> when <c>Telemetry:Prometheus</c> is on.</summary>
    public static void MapSampleTelemetry(this WebApplication app)
    {
        if (app.Configuration.GetValue("Telemetry:Prometheus", false))
        {
            app.MapPrometheusScrapingEndpoint();
        }
    }
}
