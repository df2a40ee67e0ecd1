namespace KegAuth.AspNetCore;

/// <summary>One passkey as the user sees it: never its key or credential id.</summary>
/// <param name="Id">The passkey's id, for rename and remove.</param>
/// <param name="Name">Its name.</param>
/// <param name="CreatedUtc">When it was registered.</param>
/// <param name="LastUsedUtc">When it last signed in, if ever.</param>
/// <param name="Transports">The transports the authenticator reported.</param>
public sealed record KegPasskeyInfo(long Id, string Name, DateTime CreatedUtc, DateTime? LastUsedUtc, IReadOnlyList<string> Transports);

/// <summary>The outcome of <see cref="IKegPasskeys.CompleteRegistrationAsync"/>.</summary>
public enum KegPasskeyRegistrationStatus
{
    /// <summary>The passkey is stored.</summary>
    Succeeded,

    /// <summary>No user is signed in with a KegAuth cookie.</summary>
    NotSignedIn,

    /// <summary>No usable challenge: none was issued to this session, it expired, it was used, or it was issued to another user or session.</summary>
    InvalidChallenge,

    /// <summary>The response did not verify (wrong origin or relying party, bad attestation, malformed or oversized).</summary>
    Invalid,

    /// <summary>The credential is registered already (to this user or another).</summary>
    AlreadyRegistered,

    /// <summary>The user holds <see cref="KegPasskeyOptions.MaxPasskeysPerUser"/> passkeys already.</summary>
    TooMany,

    /// <summary>The name is longer than <see cref="KegPasskey.MaxNameLength"/> or holds control characters.</summary>
    InvalidName,
}

/// <summary>The outcome of a passkey registration.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Passkey">The stored passkey on success.</param>
public sealed record KegPasskeyRegistrationResult(KegPasskeyRegistrationStatus Status, KegPasskeyInfo? Passkey = null)
{
    /// <summary>Whether the passkey was stored.</summary>
    public bool Succeeded => Status == KegPasskeyRegistrationStatus.Succeeded;
}

/// <summary>The outcome of <see cref="IKegPasskeys.CompleteSignInAsync"/>.</summary>
public enum KegPasskeySignInStatus
{
    /// <summary>Signed in; the cookie is issued.</summary>
    Succeeded,

    /// <summary>Unknown or removed passkey, a signature that does not verify, no usable challenge (expired, used, replayed), or a malformed response. One answer for all.</summary>
    Failed,

    /// <summary>The user is locked out by failed attempts; nothing was checked. See <see cref="KegPasskeySignInResult.LockedOutUntilUtc"/>.</summary>
    LockedOut,

    /// <summary>The passkey verified but the user is disabled (or unverified, or disabled by date).</summary>
    Inactive,

    /// <summary>The authenticator's sign count did not move forward: the passkey may have been copied. Refused; the user should remove that passkey.</summary>
    ClonedAuthenticator,
}

/// <summary>The outcome of a passkey sign-in.</summary>
/// <param name="Status">What happened.</param>
/// <param name="LoginId">The signed-in user's login id on success.</param>
/// <param name="LockedOutUntilUtc">When <see cref="KegPasskeySignInStatus.LockedOut"/>, the last instant of the lockout (UTC).</param>
public sealed record KegPasskeySignInResult(KegPasskeySignInStatus Status, string? LoginId = null, DateTime? LockedOutUntilUtc = null)
{
    /// <summary>Whether the user is signed in.</summary>
    public bool Succeeded => Status == KegPasskeySignInStatus.Succeeded;
}

/// <summary>The outcome of renaming or removing a passkey.</summary>
public enum KegPasskeyChangeStatus
{
    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>No user is signed in with a KegAuth cookie.</summary>
    NotSignedIn,

    /// <summary>The signed-in user has no passkey with that id.</summary>
    NotFound,

    /// <summary>The name is empty, too long or holds control characters.</summary>
    InvalidName,
}
