namespace KegAuth.AspNetCore;

/// <summary>The outcome of <see cref="IKegSignIn{TUser}.ChangePasswordAsync"/>.</summary>
public enum KegChangePasswordStatus
{
    /// <summary>The password was changed; the user's other sessions ended and this one got a new cookie.</summary>
    Succeeded,

    /// <summary>No KegAuth user is signed in on the request.</summary>
    NotSignedIn,

    /// <summary>The current password is wrong; counted as a failed login attempt.</summary>
    InvalidCredentials,

    /// <summary>Too many recent failed logins for the user; the current password was not checked.</summary>
    LockedOut,

    /// <summary>The new password cannot be set (empty, an unpaired surrogate, over bcrypt's limit when refused); nothing changed.</summary>
    PasswordRejected,
}
