namespace KegAuth.AspNetCore;

/// <summary>Where the signed-in user's authenticator stands.</summary>
/// <param name="Enabled">Whether sign-in asks for a code.</param>
/// <param name="Pending">Whether a set-up was begun and waits for its first code.</param>
/// <param name="RecoveryCodesLeft">Unused recovery codes.</param>
public sealed record KegTotpState(bool Enabled, bool Pending, int RecoveryCodesLeft);

/// <summary>A new authenticator secret to show its owner: as text, as the URI and as the QR code of the URI.</summary>
/// <param name="Secret">The secret in base32, to type into the app.</param>
/// <param name="OtpAuthUri">The <c>otpauth://totp/</c> URI the QR code carries.</param>
/// <param name="QrCodeSvg">The QR code as SVG markup.</param>
public sealed record KegTotpSetup(string Secret, string OtpAuthUri, string QrCodeSvg)
{
    /// <summary>Leaves the secret out, so a log line or exception message never carries it.</summary>
    public override string ToString() => "KegTotpSetup { Secret = (hidden) }";
}

/// <summary>The outcome of an authenticator change (<see cref="IKegTotpManager{TUser}"/>).</summary>
public enum KegTotpChangeStatus
{
    /// <summary>Done.</summary>
    Succeeded,

    /// <summary>No KegAuth user is signed in on the request.</summary>
    NotSignedIn,

    /// <summary>The authenticator is already on (turn it off first to enrol another).</summary>
    AlreadyEnabled,

    /// <summary>The authenticator is off (recovery codes and disabling need it on).</summary>
    NotEnabled,

    /// <summary>No set-up was begun: begin first.</summary>
    NoPendingSetup,

    /// <summary>The code was wrong or already used.</summary>
    InvalidCode,

    /// <summary>The password (or code) confirming the change was wrong; counted as a failed login attempt.</summary>
    InvalidCredentials,

    /// <summary>Too many recent failed logins; nothing was checked.</summary>
    LockedOut,
}

/// <summary>The outcome of an authenticator change.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Setup">After a begin, the secret to show.</param>
/// <param name="RecoveryCodes">New recovery codes to show once (after a confirm or a new set); empty otherwise.</param>
/// <param name="LockedOutUntilUtc">When <see cref="KegTotpChangeStatus.LockedOut"/>, the last instant of the lockout (UTC).</param>
public sealed record KegTotpChangeResult(KegTotpChangeStatus Status, KegTotpSetup? Setup = null, IReadOnlyList<string>? RecoveryCodes = null, DateTime? LockedOutUntilUtc = null)
{
    /// <summary>Whether the change was made.</summary>
    public bool Succeeded => Status == KegTotpChangeStatus.Succeeded;

    /// <summary>A result of <paramref name="status"/> alone.</summary>
    /// <param name="status">What happened.</param>
    public static implicit operator KegTotpChangeResult(KegTotpChangeStatus status) => new(status);

    /// <summary>Leaves the codes and secret out of text.</summary>
    public override string ToString() => $"KegTotpChangeResult {{ Status = {Status} }}";
}
