using System.Diagnostics.Metrics;
using KegAuth.Telemetry;

namespace KegAuth.AspNetCore.Telemetry;

/// <summary>
/// The second factor's instruments, on KegAuth's meter (<c>KegAuth</c>): code steps by result and
/// method, and authenticator changes. Tags are fixed, low-cardinality words; never a code, a secret, a
/// recovery code or a login id.
/// </summary>
internal sealed class KegSecondFactorTelemetry
{
    /// <summary>The code step's span.</summary>
    public const string SecondFactorActivity = "kegauth.second_factor";

    /// <summary>A sign-in's result when the password was right and a code is needed.</summary>
    public const string SecondFactorRequired = "second_factor_required";

    /// <summary>Result: the code was wrong, used or malformed.</summary>
    public const string InvalidCode = "invalid_code";

    /// <summary>Result: no valid pending sign-in.</summary>
    public const string NoPendingSignIn = "no_pending_sign_in";

    /// <summary>Method: an authenticator code.</summary>
    public const string Totp = "totp";

    /// <summary>Method: a recovery code.</summary>
    public const string RecoveryCode = "recovery_code";

    /// <summary>Method: not known (no pending sign-in, or locked out before the code was read).</summary>
    public const string None = "none";

    /// <summary>Change: the authenticator was confirmed and turned on.</summary>
    public const string Enabled = "enabled";

    /// <summary>Change: the authenticator was turned off.</summary>
    public const string Disabled = "disabled";

    /// <summary>Change: a new set of recovery codes.</summary>
    public const string RecoveryCodes = "recovery_codes";

    /// <summary>The tag naming the method.</summary>
    public const string MethodTag = "method";

    private readonly Counter<long> _attempts;
    private readonly Counter<long> _changes;

    /// <summary>Creates the instruments on the meter of <paramref name="metrics"/>.</summary>
    public KegSecondFactorTelemetry(KegAuthMetrics metrics)
    {
        _attempts = metrics.Meter.CreateCounter<long>("kegauth.second_factor.attempts", "{attempt}", "Code steps of two-step sign-ins, by result (succeeded, invalid_code, locked_out, inactive, no_pending_sign_in, error) and method (totp, recovery_code, none).");
        _changes = metrics.Meter.CreateCounter<long>("kegauth.totp.changes", "{change}", "Authenticator changes of signed-in users, by change (enabled, disabled, recovery_codes) and result.");
    }

    /// <summary>Counts one code step.</summary>
    public void Attempt(string result, string method)
    {
        if (_attempts.Enabled)
        {
            _attempts.Add(1, new KeyValuePair<string, object?>(KegAuthMetrics.ResultTag, result), new KeyValuePair<string, object?>(MethodTag, method));
        }
    }

    /// <summary>Counts one authenticator change request.</summary>
    public void Change(string change, string result)
    {
        if (_changes.Enabled)
        {
            _changes.Add(1, new KeyValuePair<string, object?>("change", change), new KeyValuePair<string, object?>(KegAuthMetrics.ResultTag, result));
        }
    }
}
