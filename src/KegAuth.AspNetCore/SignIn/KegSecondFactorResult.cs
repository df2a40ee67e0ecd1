namespace KegAuth.AspNetCore;

/// <summary>The outcome of the code step of a sign-in (<see cref="IKegSecondFactorSignIn{TUser}.CompleteAsync"/>).</summary>
public enum KegSecondFactorStatus
{
    /// <summary>The code was right and unused; the session cookie was issued.</summary>
    Succeeded,

    /// <summary>The code was wrong, already used, or not a code; counted as a failed login attempt.</summary>
    InvalidCode,

    /// <summary>Too many recent failed logins for the user; the code was not checked.</summary>
    LockedOut,

    /// <summary>The user was disabled (or disabled by date) since the password step.</summary>
    Inactive,

    /// <summary>
    /// No password step to complete: the pending-sign-in cookie is missing, expired, tampered with, or
    /// the user's session key or authenticator changed since. Start again with the password.
    /// </summary>
    NoPendingSignIn,
}

/// <summary>The outcome of <see cref="IKegSecondFactorSignIn{TUser}.CompleteAsync"/>.</summary>
/// <typeparam name="TUser">The user type.</typeparam>
/// <param name="Status">What happened.</param>
/// <param name="User">The signed-in user when <see cref="KegSecondFactorStatus.Succeeded"/>; otherwise <see langword="null"/>.</param>
/// <param name="LockedOutUntilUtc">When <see cref="KegSecondFactorStatus.LockedOut"/>, the last instant of the lockout (UTC).</param>
public sealed record KegSecondFactorResult<TUser>(KegSecondFactorStatus Status, TUser? User = null, DateTime? LockedOutUntilUtc = null)
    where TUser : class, IKegUser
{
    /// <summary>Whether the sign-in is complete.</summary>
    public bool Succeeded => Status == KegSecondFactorStatus.Succeeded;
}
