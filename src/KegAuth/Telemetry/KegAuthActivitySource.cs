using System.Diagnostics;

namespace KegAuth.Telemetry;

/// <summary>
/// KegAuth's spans. Without a listener <see cref="ActivitySource.StartActivity(string, ActivityKind)"/>
/// returns null after one check, so every call site is free when nobody traces. Span names are fixed
/// and low-cardinality; tags carry results and counts, never a login id, token or hash.
/// </summary>
internal static class KegAuthActivitySource
{
    /// <summary>Password sign-in (<c>IKegSignIn.CheckPasswordAsync</c> and the endpoints over it).</summary>
    public const string SignIn = "kegauth.sign_in";

    /// <summary>Checking a current password before changing it.</summary>
    public const string ChangePassword = "kegauth.change_password";

    /// <summary>The API-token authentication handler.</summary>
    public const string ApiTokenAuthenticate = "kegauth.api_token.authenticate";

    /// <summary>A forgot-password or resend-verification request.</summary>
    public const string PasswordResetRequest = "kegauth.password_reset.request";

    /// <summary>A reset-password or verify-account attempt with a token.</summary>
    public const string PasswordReset = "kegauth.password_reset";

    /// <summary>Reading a user's or group's permissions from the database (a cache miss).</summary>
    public const string PermissionsResolve = "kegauth.permissions.resolve";

    /// <summary>Finding and resetting the session keys a save ends, inside SaveChanges.</summary>
    public const string SessionKeyReset = "kegauth.session_key.reset";

    /// <summary>The tag with a flow's outcome, the same value as the matching metric's <c>result</c> tag.</summary>
    public const string ResultTag = "kegauth.result";

    /// <summary>The source every KegAuth span starts from.</summary>
    public static readonly ActivitySource Source = new(KegAuthTelemetry.ActivitySourceName, typeof(KegAuthActivitySource).Assembly.GetName().Version?.ToString());

    /// <summary>Ends a span for an exception: error status and <c>error.type</c>, as OpenTelemetry's conventions ask.</summary>
    public static void Failed(Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error);
        activity.SetTag("error.type", exception.GetType().FullName);
    }
}
