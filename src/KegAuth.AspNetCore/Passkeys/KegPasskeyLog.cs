using Microsoft.Extensions.Logging;

namespace KegAuth.AspNetCore.Passkeys;

/// <summary>
/// Passkeys' log events (category <c>KegAuth.AspNetCore.Passkeys</c>), stable ids 1801-1806
/// (docs/telemetry.md). Never a credential id, key, signature or login id: a login id appears only as
/// its keyed fingerprint.
/// </summary>
internal static partial class KegPasskeyLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "KegAuth.AspNetCore.Passkeys";

    [LoggerMessage(EventId = 1801, EventName = "PasskeySignInFailed", Level = LogLevel.Information,
        Message = "Passkey sign-in refused ({Reason}); login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void SignInFailed(ILogger logger, string reason, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1802, EventName = "PasskeyCloned", Level = LogLevel.Warning,
        Message = "Passkey sign-in refused: the authenticator's sign count did not move forward ({Presented} after {Stored}), so the passkey may have been copied; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void Cloned(ILogger logger, long presented, long stored, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1803, EventName = "PasskeySignedIn", Level = LogLevel.Debug,
        Message = "Signed in with a passkey; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void SignedIn(ILogger logger, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1804, EventName = "PasskeyRegistrationRefused", Level = LogLevel.Information,
        Message = "Passkey registration refused ({Reason}); login id {LoginIdFingerprint}.")]
    public static partial void RegistrationRefused(ILogger logger, string reason, string loginIdFingerprint);

    [LoggerMessage(EventId = 1805, EventName = "PasskeyAdded", Level = LogLevel.Information,
        Message = "Passkey added (other sessions end); login id {LoginIdFingerprint}.")]
    public static partial void Added(ILogger logger, string loginIdFingerprint);

    [LoggerMessage(EventId = 1806, EventName = "PasskeyRemoved", Level = LogLevel.Information,
        Message = "Passkey removed (other sessions end); login id {LoginIdFingerprint}.")]
    public static partial void Removed(ILogger logger, string loginIdFingerprint);
}
