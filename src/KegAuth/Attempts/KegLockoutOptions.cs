namespace KegAuth;

/// <summary>Attempt limits per <see cref="AttemptType"/>, read by <see cref="KegAttempts"/>.</summary>
public sealed class KegLockoutOptions
{
    /// <summary>Failed logins.</summary>
    public KegLockoutPolicy Login { get; set; } = new();

    /// <summary>Forgot-password requests.</summary>
    public KegLockoutPolicy Forgot { get; set; } = new();

    /// <summary>Password resets.</summary>
    public KegLockoutPolicy Reset { get; set; } = new();

    /// <summary>
    /// Also count attempts from the same source IP, whatever username they named (keg-auth
    /// <c>KEGAUTH_ATTEMPT_IP_LIMIT</c>). Applies only when a source IP is passed. Default <see langword="false"/>.
    /// </summary>
    public bool LimitBySourceIp { get; set; }

    /// <summary>The policy for <paramref name="type"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    public KegLockoutPolicy For(AttemptType type) => type switch
    {
        AttemptType.Login => Login,
        AttemptType.Forgot => Forgot,
        AttemptType.Reset => Reset,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an attempt type."),
    };
}
