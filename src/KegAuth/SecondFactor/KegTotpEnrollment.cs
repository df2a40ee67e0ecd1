namespace KegAuth;

/// <summary>A new authenticator secret to show the user once: as text to type, and as the URI a QR code carries.</summary>
/// <param name="Secret">The secret in base32, for typing into the app.</param>
/// <param name="Uri">The <c>otpauth://totp/</c> URI (<see cref="KegTotp.OtpAuthUri"/>), for a QR code.</param>
public sealed record KegTotpEnrollment(string Secret, string Uri)
{
    /// <summary>Leaves the secret out, so a log line or exception message never carries it.</summary>
    public override string ToString() => "KegTotpEnrollment { Secret = (hidden), Uri = (hidden) }";
}
