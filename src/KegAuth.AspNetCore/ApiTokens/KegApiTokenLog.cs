using Microsoft.Extensions.Logging;

namespace KegAuth.AspNetCore.ApiTokens;

/// <summary>
/// The API-token scheme's log events (category <c>KegAuth.AspNetCore.ApiTokens</c>), with stable ids
/// 1301-1306. Never the token, its hash or the login id: a login id appears only as its 12-hex-character
/// keyed fingerprint (<see cref="Telemetry.KegLoginIdFingerprint"/>, the same in every KegAuth event, for
/// as long as the secret key stays), and the client as its counted address.
/// </summary>
internal static partial class KegApiTokenLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "KegAuth.AspNetCore.ApiTokens";

    [LoggerMessage(EventId = 1301, EventName = "ApiTokenFailed", Level = LogLevel.Information,
        Message = "API token refused ({Reason}); login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void Failed(ILogger logger, string reason, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1302, EventName = "ApiTokenFailureLimitReached", Level = LogLevel.Warning,
        Message = "API-token failure limit reached ({Budget}); login id {LoginIdFingerprint}, client {ClientAddress}: further tokens are refused unchecked for about {RetryAfterSeconds} s.")]
    public static partial void LimitReached(ILogger logger, KegApiTokenBudgets budget, string loginIdFingerprint, string clientAddress, long retryAfterSeconds);

    // Debug, not Warning: an attack sends these by the thousand; 1302 has already warned once per budget.
    [LoggerMessage(EventId = 1303, EventName = "ApiTokenLimited", Level = LogLevel.Debug,
        Message = "API token refused unchecked: too many failures; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void Limited(ILogger logger, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1304, EventName = "ApiTokenLegacyCheckBusy", Level = LogLevel.Warning,
        Message = "API token refused unchecked: its keg-auth bcrypt hash would wait behind {Running} running and {Queued} queued bcrypt checks; login id {LoginIdFingerprint}, client {ClientAddress}.")]
    public static partial void LegacyCheckBusy(ILogger logger, int running, int queued, string loginIdFingerprint, string clientAddress);

    [LoggerMessage(EventId = 1305, EventName = "ApiTokenHashUpgraded", Level = LogLevel.Information,
        Message = "A keg-auth bcrypt API-token hash verified and was replaced by the fast hash; login id {LoginIdFingerprint}.")]
    public static partial void HashUpgraded(ILogger logger, string loginIdFingerprint);

    [LoggerMessage(EventId = 1306, EventName = "ApiTokenHashUpgradeSkipped", Level = LogLevel.Information,
        Message = "A keg-auth bcrypt API-token hash verified but was not replaced: the stored token changed meanwhile; login id {LoginIdFingerprint}.")]
    public static partial void HashUpgradeSkipped(ILogger logger, string loginIdFingerprint);
}
