namespace KegAuth.AspNetCore;

/// <summary>The outcome of a password reset.</summary>
public enum KegResetPasswordStatus
{
    /// <summary>The password was changed; the token is spent and the user's other sessions have ended.</summary>
    Succeeded,

    /// <summary>The user is unknown, or the token is wrong, expired or already spent.</summary>
    InvalidToken,

    /// <summary>Too many recent reset attempts for this user; the token was not checked.</summary>
    LockedOut,
}
