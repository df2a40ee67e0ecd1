using Microsoft.Extensions.Logging;

namespace KegAuth.AspNetCore.Cookies;

/// <summary>
/// Cookie sessions' log events (category <c>KegAuth.AspNetCore.Sessions</c>), stable id 1401
/// (docs/telemetry.md). Never the session key or the login id: a login id appears only as its keyed fingerprint.
/// </summary>
internal static partial class KegSessionLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "KegAuth.AspNetCore.Sessions";

    [LoggerMessage(EventId = 1401, EventName = "SessionEnded", Level = LogLevel.Information,
        Message = "A cookie session was ended at its check ({Reason}); login id {LoginIdFingerprint}.")]
    public static partial void Ended(ILogger logger, string reason, string loginIdFingerprint);
}
