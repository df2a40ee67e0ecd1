namespace KegAuth.Tokens;

/// <summary>Token times as JWT NumericDates: whole Unix seconds from the options' clock.</summary>
internal static class TokenClock
{
    /// <summary>
    /// The current Unix second, truncated like Python's <c>int(time.time())</c>, so a token is
    /// still valid during the second equal to its <c>exp</c>.
    /// </summary>
    public static long UnixNow(KegAuthOptions options) => new DateTimeOffset(options.UtcNow).ToUnixTimeSeconds();

    /// <summary>The token lifetime in whole seconds; a fraction of a second is dropped.</summary>
    public static long LifetimeSeconds(KegAuthOptions options) => options.TokenLifetime.Ticks / TimeSpan.TicksPerSecond;
}
