namespace KegAuth.AspNetCore;

/// <summary>
/// How the second step of a sign-in behaves for users with <c>[KegUserTotp]</c> whose authenticator
/// is on: the short-lived pending-sign-in cookie between the two steps, and "remember this device".
/// </summary>
public sealed class KegSecondFactorOptions
{
    /// <summary>The default <see cref="PendingSignInLifetime"/>: five minutes.</summary>
    public static readonly TimeSpan DefaultPendingSignInLifetime = TimeSpan.FromMinutes(5);

    /// <summary>The default <see cref="RememberDeviceFor"/>: 30 days.</summary>
    public static readonly TimeSpan DefaultRememberDeviceFor = TimeSpan.FromDays(30);

    /// <summary>How long the password step stays good for the code step. Positive. Default five minutes.</summary>
    public TimeSpan PendingSignInLifetime { get; set; } = DefaultPendingSignInLifetime;

    /// <summary>
    /// How long "remember this device" skips the code step on that browser, until the user's session
    /// key changes (password change, authenticator turned on or off, sign-out everywhere).
    /// <see cref="TimeSpan.Zero"/> turns the option off. Default 30 days.
    /// </summary>
    public TimeSpan RememberDeviceFor { get; set; } = DefaultRememberDeviceFor;

    /// <summary>The name of the pending-sign-in cookie. Default <c>.KegAuth.SecondFactor</c>.</summary>
    public string PendingCookieName { get; set; } = ".KegAuth.SecondFactor";

    /// <summary>The name of the remembered-device cookie. Default <c>.KegAuth.Device</c>.</summary>
    public string DeviceCookieName { get; set; } = ".KegAuth.Device";

    /// <summary>
    /// The name authenticator apps show beside the account (the <c>otpauth://</c> issuer); a colon is
    /// replaced. <see langword="null"/>, the default, uses the host's application name.
    /// </summary>
    public string? Issuer { get; set; }
}
