namespace KegAuth.AspNetCore;

/// <summary>The outcome of a password sign-in.</summary>
public enum KegSignInStatus
{
    /// <summary>The password is right and the user is active; the attempt was recorded as successful.</summary>
    Succeeded,

    /// <summary>
    /// Unknown login id or wrong password; the two are deliberately indistinguishable (same result, same
    /// bcrypt work). Show one generic message.
    /// </summary>
    Failed,

    /// <summary>Too many recent failures; the password was not checked. See <see cref="KegSignInResult{TUser}.LockedOutUntilUtc"/>.</summary>
    LockedOut,

    /// <summary>The password is right but the user is disabled (or unverified, or disabled by date).</summary>
    Inactive,

    /// <summary>
    /// The password is right and the user is active, but the user's authenticator (<c>[KegUserTotp]</c>)
    /// is on: no session cookie yet. <see cref="IKegSignIn{TUser}.PasswordSignInAsync"/> set a short-lived
    /// pending-sign-in cookie; finish with <see cref="IKegSecondFactorSignIn{TUser}.CompleteAsync"/> and a
    /// code. Not recorded as a successful login until the code step succeeds.
    /// </summary>
    SecondFactorRequired,
}
