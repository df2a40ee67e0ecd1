using Microsoft.Extensions.Logging;

namespace KegAuth.AspNetCore.PasswordReset;

/// <summary>
/// Password reset's and account verification's log events (category <c>KegAuth.AspNetCore.PasswordReset</c>),
/// stable ids 1103-1108 beside the queue's 1101-1102 (docs/telemetry.md). Never the token, the
/// password or the login id: a login id appears only as its keyed fingerprint.
/// </summary>
internal static partial class KegPasswordResetLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "KegAuth.AspNetCore.PasswordReset";

    [LoggerMessage(EventId = 1103, EventName = "ResetRequestLockedOut", Level = LogLevel.Warning,
        Message = "A {Kind} request was refused unchecked: too many requests; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void RequestLockedOut(ILogger logger, string kind, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1104, EventName = "ResetTokenRefused", Level = LogLevel.Information,
        Message = "A {Kind} token was refused ({Reason}); login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void TokenRefused(ILogger logger, string kind, string reason, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1105, EventName = "ResetCompleted", Level = LogLevel.Information,
        Message = "A {Kind} token was spent and the password set; every session of the user ended; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void Completed(ILogger logger, string kind, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1106, EventName = "ResetLockedOut", Level = LogLevel.Warning,
        Message = "A {Kind} attempt was refused unchecked: too many attempts; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void LockedOut(ILogger logger, string kind, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1107, EventName = "ResetLockoutStarted", Level = LogLevel.Warning,
        Message = "A failed reset attempt reached the limit: further attempts are refused unchecked; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void LockoutStarted(ILogger logger, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1108, EventName = "ResetLinksOverHttp", Level = LogLevel.Warning,
        Message = "KegPasswordResetOptions.PublicBaseUrl is plain http on {Host}: every reset and verification link, token included, crosses the network unencrypted. Use https outside development.")]
    public static partial void LinksOverHttp(ILogger logger, string host);
}
