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
    /// Whether attempts are limited at all (keg-auth <c>KEGAUTH_ATTEMPT_LIMIT_ENABLED</c>). When
    /// <see langword="false"/>, nothing is ever blocked; attempts are still logged, for the record.
    /// Default <see langword="true"/>.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Also limit attempts per client address (keg-auth <c>KEGAUTH_ATTEMPT_IP_LIMIT</c>, on by default
    /// there too). Applies only when a source IP is passed. The address has its own counter, apart from
    /// the user's: failed logins, and every forgot-password and reset request, from the address count
    /// against <see cref="KegLockoutPolicy.SourceIpLimit"/> whatever login id they named, and no
    /// success restarts it (so logging into one's own account between guesses gains nothing). A user's
    /// count restarts only on that user's own successful login. Default <see langword="true"/>.
    /// </summary>
    /// <remarks>
    /// Behind a reverse proxy or load balancer every request comes from the proxy's address unless the
    /// app applies the forwarded headers (ASP.NET Core's <c>UseForwardedHeaders</c> with the proxy's
    /// address in <c>KnownProxies</c>/<c>KnownNetworks</c>); otherwise all clients share one counter.
    /// </remarks>
    public bool LimitBySourceIp { get; set; } = true;

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
