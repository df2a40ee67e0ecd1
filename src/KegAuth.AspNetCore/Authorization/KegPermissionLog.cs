using Microsoft.Extensions.Logging;

namespace KegAuth.AspNetCore.Authorization;

/// <summary>
/// The permission handler's log events (category <c>KegAuth.AspNetCore.Permissions</c>), stable id
/// 1501 (docs/telemetry.md). The required tokens are the app's declared constants, not secrets; a
/// login id appears only as its keyed fingerprint.
/// </summary>
internal static partial class KegPermissionLog
{
    /// <summary>The logger category.</summary>
    public const string Category = "KegAuth.AspNetCore.Permissions";

    // Debug: a denied permission is the app working as meant, and a crawler can cause thousands.
    [LoggerMessage(EventId = 1501, EventName = "PermissionDenied", Level = LogLevel.Debug,
        Message = "Permission requirement not met ({Reason}; needs {Mode} of {Permissions}); login id {LoginIdFingerprint}.")]
    public static partial void Denied(ILogger logger, string reason, string mode, string permissions, string loginIdFingerprint);
}
