using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace KegAuth.Telemetry;

/// <summary>
/// KegAuth's instruments on the <see cref="KegAuthTelemetry.MeterName"/> meter, named as OpenTelemetry
/// asks (<c>kegauth.area.thing</c>, units in UCUM, durations in seconds). Every tag has a small fixed
/// set of values; none is ever a login id, key or token. The instruments exist whether or not anyone
/// listens; each record method returns after one <see cref="Instrument.Enabled"/> read when nobody
/// does, and the duration timers do not even read the clock then.
/// </summary>
/// <remarks>
/// One instance per service provider, from its <see cref="IMeterFactory"/> (so two hosts in one process,
/// tests included, do not mix their numbers); <see cref="Shared"/> serves contexts configured without
/// dependency injection. Benchmark (issue 18): a sign-in and an API-token request with and without a
/// <see cref="MeterListener"/>/<see cref="ActivityListener"/> belongs in tests/KegAuth.Benchmarks beside
/// the end-to-end benchmarks.
/// </remarks>
internal sealed class KegAuthMetrics
{
    /// <summary>The tag with a flow's outcome.</summary>
    public const string ResultTag = "result";

    /// <summary>Durations are short: ASP.NET Core's request-duration boundaries, in seconds.</summary>
    private static readonly InstrumentAdvice<double> DurationAdvice = new()
    {
        HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10],
    };

    private readonly Counter<long> _signInAttempts;
    private readonly Histogram<double> _signInDuration;
    private readonly Counter<long> _lockouts;
    private readonly Counter<long> _passwordChanges;
    private readonly Counter<long> _resetRequests;
    private readonly Counter<long> _resetAttempts;
    private readonly Counter<long> _apiTokenAuthentications;
    private readonly Histogram<double> _apiTokenDuration;
    private readonly Counter<long> _sessionValidations;
    private readonly Counter<long> _sessionRevocations;
    private readonly Counter<long> _sessionCacheLookups;
    private readonly Counter<long> _permissionChecks;
    private readonly Counter<long> _permissionResolutions;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>, or on a meter of its own without one.</summary>
    public KegAuthMetrics(IMeterFactory? meterFactory)
    {
        var meter = meterFactory?.Create(KegAuthTelemetry.MeterName) ?? new Meter(KegAuthTelemetry.MeterName);
        Meter = meter;
        _signInAttempts = meter.CreateCounter<long>("kegauth.sign_in.attempts", "{attempt}", "Password sign-ins, by result (succeeded, failed, locked_out, inactive, error).");
        _signInDuration = meter.CreateHistogram("kegauth.sign_in.duration", "s", "How long a password sign-in took, by result.", tags: null, DurationAdvice);
        _lockouts = meter.CreateCounter<long>("kegauth.lockouts", "{lockout}", "Lockouts started: a failed attempt that reached its counter's limit, by attempt_type (login, reset).");
        _passwordChanges = meter.CreateCounter<long>("kegauth.password_changes", "{change}", "Change-password requests of signed-in users, by result.");
        _resetRequests = meter.CreateCounter<long>("kegauth.password_reset.requests", "{request}", "Forgot-password and resend-verification requests, by kind and result (accepted, locked_out).");
        _resetAttempts = meter.CreateCounter<long>("kegauth.password_reset.attempts", "{attempt}", "Reset-password and verify-account attempts with a token, by kind and result; succeeded is a completed reset or verification.");
        _apiTokenAuthentications = meter.CreateCounter<long>("kegauth.api_token.authentications", "{authentication}", "Requests that presented an API token, by result.");
        _apiTokenDuration = meter.CreateHistogram("kegauth.api_token.duration", "s", "How long checking a presented API token took, by result.", tags: null, DurationAdvice);
        _sessionValidations = meter.CreateCounter<long>("kegauth.session.validations", "{validation}", "Cookie sessions checked against the database, by result (valid, revoked, inactive; skipped within the validation interval).");
        _sessionRevocations = meter.CreateCounter<long>("kegauth.session.revocations", "{session_key}", "Session keys reset, ending every session of a user, by reason (rights_changed, sign_out_everywhere).");
        _sessionCacheLookups = meter.CreateCounter<long>("kegauth.session.cache.lookups", "{lookup}", "Cookie sessions and API tokens looked up in the node's session cache, by kind (session, api_token) and result (hit; miss, then read from the database; off, no change feed vouching).");
        _permissionChecks = meter.CreateCounter<long>("kegauth.permission.checks", "{check}", "Permission requirements judged by the authorization handler, by result (granted, denied).");
        _permissionResolutions = meter.CreateCounter<long>("kegauth.permission.resolutions", "{resolution}", "Permission sets read from the database, by holder (user, group): the checks a user instance's cache did not answer.");
    }

    /// <summary>The meter for contexts configured without dependency injection.</summary>
    public static KegAuthMetrics Shared { get; } = new(meterFactory: null);

    /// <summary>The meter the instruments are on.</summary>
    public Meter Meter { get; }

    /// <summary>A start time for <see cref="SignIn"/>, or 0 (no clock read) when nobody listens to its duration.</summary>
    public long SignInStarted() => _signInDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>A start time for <see cref="ApiToken"/>, or 0 when nobody listens to its duration.</summary>
    public long ApiTokenStarted() => _apiTokenDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Records a sign-in's result and, with a start time, its duration.</summary>
    public void SignIn(string result, long started)
    {
        Count(_signInAttempts, ResultTag, result);
        Time(_signInDuration, started, result);
    }

    /// <summary>Records an API-token check's result and, with a start time, its duration.</summary>
    public void ApiToken(string result, long started)
    {
        Count(_apiTokenAuthentications, ResultTag, result);
        Time(_apiTokenDuration, started, result);
    }

    /// <summary>Whether anyone counts lockouts: finding out that one started costs a query.</summary>
    public bool LockoutsEnabled => _lockouts.Enabled;

    /// <summary>Records a lockout that started.</summary>
    public void LockoutStarted(string attemptType) => Count(_lockouts, "attempt_type", attemptType);

    /// <summary>Records a change-password request's result.</summary>
    public void PasswordChange(string result) => Count(_passwordChanges, ResultTag, result);

    /// <summary>Records a forgot-password or resend-verification request.</summary>
    public void ResetRequest(string kind, string result) => Count(_resetRequests, "kind", kind, result);

    /// <summary>Records a reset-password or verify-account attempt.</summary>
    public void ResetAttempt(string kind, string result) => Count(_resetAttempts, "kind", kind, result);

    /// <summary>Records a cookie session check.</summary>
    public void SessionValidation(string result) => Count(_sessionValidations, ResultTag, result);

    /// <summary>Records a lookup in the node's session cache.</summary>
    public void SessionCacheLookup(string kind, string result) => Count(_sessionCacheLookups, "kind", kind, result);

    /// <summary>Records <paramref name="count"/> session keys reset.</summary>
    public void SessionRevocations(string reason, int count)
    {
        if (_sessionRevocations.Enabled && count > 0)
        {
            _sessionRevocations.Add(count, new KeyValuePair<string, object?>("reason", reason));
        }
    }

    /// <summary>Records a permission requirement judged.</summary>
    public void PermissionCheck(string result) => Count(_permissionChecks, ResultTag, result);

    /// <summary>Records a permission set read from the database.</summary>
    public void PermissionResolution(string holder) => Count(_permissionResolutions, "holder", holder);

    private static void Count(Counter<long> counter, string tag, string value)
    {
        if (counter.Enabled)
        {
            counter.Add(1, new KeyValuePair<string, object?>(tag, value));
        }
    }

    private static void Count(Counter<long> counter, string tag, string value, string result)
    {
        if (counter.Enabled)
        {
            counter.Add(1, new KeyValuePair<string, object?>(tag, value), new KeyValuePair<string, object?>(ResultTag, result));
        }
    }

    private static void Time(Histogram<double> histogram, long started, string result)
    {
        // Started is 0 when nobody listened at the start; a listener attached since then waits for the next one.
        if (started != 0 && histogram.Enabled)
        {
            histogram.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>(ResultTag, result));
        }
    }
}
