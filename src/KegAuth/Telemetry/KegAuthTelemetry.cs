namespace KegAuth;

/// <summary>
/// The names under which KegAuth reports what it does, for an application's telemetry set-up
/// (with OpenTelemetry: <c>AddMeter(KegAuthTelemetry.MeterName)</c> and
/// <c>AddSource(KegAuthTelemetry.ActivitySourceName)</c>). Instruments, spans and log event ids are
/// listed in docs/telemetry.md. Nothing KegAuth reports carries a login id, password, token, hash or
/// secret: a login id appears in logs only as a keyed fingerprint.
/// </summary>
public static class KegAuthTelemetry
{
    /// <summary>The name of KegAuth's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string MeterName = "KegAuth";

    /// <summary>The name of KegAuth's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "KegAuth";
}
