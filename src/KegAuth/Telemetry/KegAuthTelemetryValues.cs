namespace KegAuth.Telemetry;

/// <summary>
/// The tag values KegAuth's metrics and spans use: fixed strings, so a typo cannot add a series and
/// docs/telemetry.md can list them all.
/// </summary>
internal static class KegAuthTelemetryValues
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string LockedOut = "locked_out";
    public const string Inactive = "inactive";
    public const string Error = "error";
    public const string InvalidCredentials = "invalid_credentials";
    public const string PasswordRejected = "password_rejected";
    public const string InvalidToken = "invalid_token";
    public const string Accepted = "accepted";

    public const string Malformed = "malformed";
    public const string Unknown = "unknown";
    public const string Mismatched = "mismatched";
    public const string Limited = "limited";
    public const string Busy = "busy";
    public const string Changed = "changed";

    public const string Valid = "valid";
    public const string Revoked = "revoked";
    public const string Skipped = "skipped";
    public const string RightsChanged = "rights_changed";
    public const string SignOutEverywhere = "sign_out_everywhere";

    public const string Session = "session";
    public const string ApiToken = "api_token";
    public const string Hit = "hit";
    public const string Miss = "miss";
    public const string Off = "off";

    public const string Granted = "granted";
    public const string Denied = "denied";
    public const string User = "user";
    public const string Group = "group";

    public const string ResetPassword = "reset_password";
    public const string VerifyAccount = "verify_account";
    public const string Login = "login";
    public const string Reset = "reset";
}
