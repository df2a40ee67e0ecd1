namespace KegAuth.AspNetCore;

/// <summary>The outcome of a forgot-password request.</summary>
public enum KegForgotPasswordStatus
{
    /// <summary>
    /// The request was taken: a reset token was sent if the login id names an active user. The same for an
    /// unknown login id, so the answer does not reveal which accounts exist.
    /// </summary>
    Accepted,

    /// <summary>Too many recent requests for this login id; nothing was sent.</summary>
    LockedOut,
}
