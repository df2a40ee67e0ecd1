namespace KegAuth.AspNetCore;

/// <summary>The outcome of a password reset.</summary>
public enum KegResetPasswordStatus
{
    /// <summary>The password was changed; the token is spent and the user's other sessions have ended.</summary>
    Succeeded,

    /// <summary>The user is unknown, or the token is wrong, expired or already spent (also when two requests raced with one token and the other won).</summary>
    InvalidToken,

    /// <summary>Too many recent reset attempts for this user; the token was not checked.</summary>
    LockedOut,

    /// <summary>
    /// The token is good but the new password cannot be set: empty, an unpaired surrogate, or over bcrypt's
    /// 72 bytes with <see cref="KegAuthOptions.RejectPasswordsOverBcryptLimit"/>. The token is not spent.
    /// </summary>
    PasswordRejected,
}
