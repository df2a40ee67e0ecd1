namespace KegAuth;

/// <summary>
/// The kind of a logged attempt (keg-auth attempt types). Stored as the strings
/// <c>"login"</c>, <c>"forgot"</c> and <c>"reset"</c>.
/// </summary>
public enum AttemptType
{
    /// <summary>A login with a password. Stored as <c>"login"</c>.</summary>
    Login,

    /// <summary>A forgot-password request. Stored as <c>"forgot"</c>.</summary>
    Forgot,

    /// <summary>A password reset with a token. Stored as <c>"reset"</c>.</summary>
    Reset,
}
