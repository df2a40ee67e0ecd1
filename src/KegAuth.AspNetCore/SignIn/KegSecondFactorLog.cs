using Microsoft.Extensions.Logging;

namespace KegAuth.AspNetCore.SignIn;

/// <summary>
/// The second factor's log events (category <c>KegAuth.AspNetCore.SignIn</c>), stable ids 1701-1707
/// (docs/telemetry.md). Never a code, secret or recovery code: a login id appears only as its keyed
/// fingerprint, the client as its address.
/// </summary>
internal static partial class KegSecondFactorLog
{
    [LoggerMessage(EventId = 1701, EventName = "SecondFactorRequired", Level = LogLevel.Debug,
        Message = "Password right; waiting for the authenticator code; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void Required(ILogger logger, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1702, EventName = "SecondFactorSucceeded", Level = LogLevel.Debug,
        Message = "Signed in with a {Method}; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void Succeeded(ILogger logger, string method, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1703, EventName = "SecondFactorFailed", Level = LogLevel.Information,
        Message = "Code step refused (wrong or used {Method}); login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void Failed(ILogger logger, string method, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1704, EventName = "SecondFactorLockedOut", Level = LogLevel.Warning,
        Message = "Code step refused unchecked: locked out until {BlockedUntilUtc:O}; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void LockedOut(ILogger logger, DateTime? blockedUntilUtc, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1705, EventName = "SecondFactorNoPendingSignIn", Level = LogLevel.Information,
        Message = "Code step refused: no valid pending sign-in ({Reason}); client {ClientAddress}.")]
    public static partial void NoPending(ILogger logger, string reason, string clientAddress);

    [LoggerMessage(EventId = 1706, EventName = "AuthenticatorChanged", Level = LogLevel.Information,
        Message = "Authenticator {Change} (new session key); login id {LoginIdFingerprint}.")]
    public static partial void Changed(ILogger logger, string change, string loginIdFingerprint);

    [LoggerMessage(EventId = 1707, EventName = "AuthenticatorChangeRefused", Level = LogLevel.Information,
        Message = "Authenticator {Change} refused ({Reason}); login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void ChangeRefused(ILogger logger, string change, string reason, string loginIdFingerprint, string clientAddress);
}
