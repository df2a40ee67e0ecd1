using System.Diagnostics.Metrics;

namespace KegAuth.AspNetCore.Passkeys;

/// <summary>
/// Passkey instruments on KegAuth's meter: <c>kegauth.passkey.sign_ins</c> and
/// <c>kegauth.passkey.registrations</c> by <c>result</c>, <c>kegauth.passkey.removals</c>; and the span names.
/// </summary>
internal sealed class KegPasskeyMetrics
{
    /// <summary>The span of a passkey sign-in.</summary>
    public const string SignInActivity = "kegauth.passkey.sign_in";

    /// <summary>The span of a passkey registration.</summary>
    public const string RegistrationActivity = "kegauth.passkey.register";

    private readonly Counter<long> _signIns;
    private readonly Counter<long> _registrations;
    private readonly Counter<long> _removals;

    /// <summary>Creates the instruments on <paramref name="metrics"/>' meter.</summary>
    public KegPasskeyMetrics(KegAuth.Telemetry.KegAuthMetrics metrics)
    {
        var meter = metrics.Meter;
        _signIns = meter.CreateCounter<long>("kegauth.passkey.sign_ins", "{attempt}", "Passkey sign-ins, by result (succeeded, failed, locked_out, inactive, cloned, error).");
        _registrations = meter.CreateCounter<long>("kegauth.passkey.registrations", "{registration}", "Passkey registrations, by result (succeeded, invalid, invalid_challenge, already_registered, too_many, invalid_name, error).");
        _removals = meter.CreateCounter<long>("kegauth.passkey.removals", "{passkey}", "Passkeys removed by their users.");
    }

    /// <summary>Counts a sign-in.</summary>
    public void SignIn(string result) => _signIns.Add(1, new KeyValuePair<string, object?>(KegAuth.Telemetry.KegAuthMetrics.ResultTag, result));

    /// <summary>Counts a registration.</summary>
    public void Registration(string result) => _registrations.Add(1, new KeyValuePair<string, object?>(KegAuth.Telemetry.KegAuthMetrics.ResultTag, result));

    /// <summary>Counts a removal.</summary>
    public void Removal() => _removals.Add(1);
}
