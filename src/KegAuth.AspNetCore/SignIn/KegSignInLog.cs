using Microsoft.Extensions.Logging;

namespace KegAuth.AspNetCore.SignIn;

/// <summary>
/// Sign-in's log events (category <c>KegAuth.AspNetCore.SignIn</c>), stable ids 1201-1207
/// (docs/telemetry.md). Never the password, its hash or the login id: a login id appears only as its
/// keyed fingerprint, the client as its address.
/// </summary>
internal static partial class KegSignInLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "KegAuth.AspNetCore.SignIn";

    [LoggerMessage(EventId = 1201, EventName = "SignInFailed", Level = LogLevel.Information,
        Message = "Sign-in refused ({Reason}); login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void Failed(ILogger logger, string reason, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1202, EventName = "SignInLockedOut", Level = LogLevel.Warning,
        Message = "Sign-in refused unchecked: locked out until {BlockedUntilUtc:O}; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void LockedOut(ILogger logger, DateTime? blockedUntilUtc, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1203, EventName = "SignInInactive", Level = LogLevel.Information,
        Message = "Sign-in refused: the password was right but the user is not active; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void Inactive(ILogger logger, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1204, EventName = "SignInSucceeded", Level = LogLevel.Debug,
        Message = "Signed in; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void Succeeded(ILogger logger, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1205, EventName = "LockoutStarted", Level = LogLevel.Warning,
        Message = "A failed {AttemptType} attempt reached the limit: further attempts are refused unchecked; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void LockoutStarted(ILogger logger, string attemptType, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1206, EventName = "ChangePasswordRefused", Level = LogLevel.Information,
        Message = "Change-password refused ({Reason}); login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void ChangePasswordRefused(ILogger logger, string reason, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1207, EventName = "SignedOutEverywhere", Level = LogLevel.Information,
        Message = "Every session ended at the user's request (new session key); login id {LoginIdFingerprint}.")]
    public static partial void SignedOutEverywhere(ILogger logger, string loginIdFingerprint);
}
