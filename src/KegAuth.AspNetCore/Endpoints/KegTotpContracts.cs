namespace KegAuth.AspNetCore;

/// <summary>
/// The answer (202) to a <c>POST /login</c> whose password was right for a user whose authenticator is
/// on: no session yet. A short-lived pending-sign-in cookie was set; send a code to
/// <c>POST /login/second-factor</c> within <see cref="ExpiresInSeconds"/>.
/// </summary>
/// <param name="Status">Always <c>second-factor-required</c>.</param>
/// <param name="Methods">What the code step accepts: <c>totp</c> (a six-digit code) and <c>recovery-code</c>.</param>
/// <param name="ExpiresInSeconds">How long the password step stays good.</param>
public sealed record KegSecondFactorRequiredResponse(string Status, IReadOnlyList<string> Methods, int ExpiresInSeconds);

/// <summary>The body of <c>POST /login/second-factor</c>.</summary>
/// <param name="Code">A six-digit authenticator code or a recovery code (<c>xxxxx-xxxxx</c>).</param>
/// <param name="RememberDevice">Whether to skip this step on this browser (until the session key changes).</param>
public sealed record KegSecondFactorRequest(string? Code, bool RememberDevice = false);

/// <summary>The answer to <c>GET /totp</c>.</summary>
/// <param name="Enabled">Whether sign-in asks for a code.</param>
/// <param name="Pending">Whether a set-up waits for its first code.</param>
/// <param name="RecoveryCodesLeft">Unused recovery codes.</param>
public sealed record KegTotpStateResponse(bool Enabled, bool Pending, int RecoveryCodesLeft);

/// <summary>The answer to <c>POST /totp/begin</c>: show it to the user, then confirm with a first code.</summary>
/// <param name="Secret">The secret in base32, to type into the app.</param>
/// <param name="OtpAuthUri">The <c>otpauth://totp/</c> URI.</param>
/// <param name="QrCodeSvg">The URI's QR code as SVG markup.</param>
public sealed record KegTotpBeginResponse(string Secret, string OtpAuthUri, string QrCodeSvg);

/// <summary>The body of <c>POST /totp/confirm</c>.</summary>
/// <param name="Code">The first code from the app.</param>
public sealed record KegTotpConfirmRequest(string? Code);

/// <summary>New recovery codes, shown once (<c>POST /totp/confirm</c>, <c>POST /totp/recovery-codes</c>).</summary>
/// <param name="RecoveryCodes">The codes; only their hashes are stored.</param>
public sealed record KegRecoveryCodesResponse(IReadOnlyList<string> RecoveryCodes);

/// <summary>The body of <c>POST /totp/disable</c>: the password, or a current code.</summary>
/// <param name="Password">The user's password.</param>
/// <param name="Code">A current authenticator code.</param>
public sealed record KegTotpDisableRequest(string? Password, string? Code);
