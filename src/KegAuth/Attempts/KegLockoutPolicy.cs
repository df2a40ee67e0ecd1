namespace KegAuth;

/// <summary>
/// How many attempts of one type are allowed before a lockout, and for how long (keg-auth
/// <c>KEGAUTH_&lt;TYPE&gt;_ATTEMPT_LIMIT</c>, <c>_ATTEMPT_TIMESPAN</c>, <c>_ATTEMPT_LOCKOUT</c>).
/// </summary>
public sealed class KegLockoutPolicy
{
    /// <summary>The default <see cref="Limit"/>: 15 attempts.</summary>
    public const int DefaultLimit = 15;

    /// <summary>The default <see cref="Timespan"/>: 600 seconds.</summary>
    public static readonly TimeSpan DefaultTimespan = TimeSpan.FromSeconds(600);

    /// <summary>The default <see cref="LockoutPeriod"/>: 3600 seconds.</summary>
    public static readonly TimeSpan DefaultLockoutPeriod = TimeSpan.FromSeconds(3600);

    /// <summary>How many counting attempts within <see cref="Timespan"/> lock the user out. At least 1. Default 15.</summary>
    public int Limit { get; set; } = DefaultLimit;

    /// <summary>The window in which attempts are counted. Positive. Default 600 seconds.</summary>
    public TimeSpan Timespan { get; set; } = DefaultTimespan;

    /// <summary>How long a lockout lasts after the attempt that reached the limit. Not negative. Default 3600 seconds.</summary>
    public TimeSpan LockoutPeriod { get; set; } = DefaultLockoutPeriod;

    /// <summary>
    /// How many counting attempts from one client address within <see cref="Timespan"/> lock that
    /// address out (with <see cref="KegLockoutOptions.LimitBySourceIp"/>). At least 1;
    /// <see langword="null"/>, the default, uses <see cref="Limit"/> as keg-auth does. Raise it when many
    /// users share an address (an office behind one NAT).
    /// </summary>
    public int? SourceIpLimit { get; set; }
}
