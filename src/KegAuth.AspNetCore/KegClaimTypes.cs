using System.Security.Claims;

namespace KegAuth.AspNetCore;

/// <summary>The claims a KegAuth principal carries.</summary>
public static class KegClaimTypes
{
    /// <summary>The user's primary key, as invariant text.</summary>
    public const string UserKey = ClaimTypes.NameIdentifier;

    /// <summary>The user's login id (username or email).</summary>
    public const string LoginId = ClaimTypes.Name;

    /// <summary>The user's session key when the principal was issued; a reset key ends the session.</summary>
    public const string SessionKey = "kegauth:session_key";
}
