namespace KegAuth.AspNetCore;

/// <summary>How KegAuth treats cookie sessions (<see cref="KegAuthSchemes.Cookie"/>).</summary>
public sealed class KegCookieOptions
{
    /// <summary>
    /// How often a session is checked against the database (session key unchanged, user still active).
    /// <see cref="TimeSpan.Zero"/>, the default, checks every request; a longer interval saves a query
    /// per request but lets an ended session live until the next check.
    /// </summary>
    public TimeSpan ValidationInterval { get; set; } = TimeSpan.Zero;

    /// <summary>
    /// Answer an unauthenticated request with 401 and a forbidden one with 403 instead of redirecting to
    /// the login or access-denied page. Suits APIs and single-page apps. Default <see langword="false"/>.
    /// </summary>
    public bool UseStatusCodes { get; set; }
}
