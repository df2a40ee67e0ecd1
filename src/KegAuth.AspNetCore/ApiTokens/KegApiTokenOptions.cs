using Microsoft.AspNetCore.Authentication;

namespace KegAuth.AspNetCore;

/// <summary>Options of the API-token scheme (<see cref="KegAuthSchemes.ApiToken"/>).</summary>
/// <remarks>
/// The failure limits and the bound on bcrypt checks are read once, when the app first authenticates
/// an API token; they are node-local (each server process counts on its own) and held in memory.
/// </remarks>
public sealed class KegApiTokenOptions : AuthenticationSchemeOptions
{
    /// <summary>The default <see cref="HeaderName"/>.</summary>
    public const string DefaultHeaderName = "X-Auth-Token";

    /// <summary>The default <see cref="FailureLimitPerLoginId"/>.</summary>
    public const int DefaultFailureLimitPerLoginId = 10;

    /// <summary>The default <see cref="FailureLimitPerClientAddress"/>.</summary>
    public const int DefaultFailureLimitPerClientAddress = 100;

    /// <summary>The default <see cref="LegacyHashCheckQueueLimit"/>.</summary>
    public const int DefaultLegacyHashCheckQueueLimit = 64;

    /// <summary>The default <see cref="FailureLimitWindow"/>: five minutes.</summary>
    public static readonly TimeSpan DefaultFailureLimitWindow = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A header that carries the API token by itself, besides <c>Authorization: Bearer</c> (keg-auth's
    /// token authenticator read a header of its own). Null or empty to accept only the bearer header.
    /// Default <c>X-Auth-Token</c>.
    /// </summary>
    public string? HeaderName { get; set; } = DefaultHeaderName;

    /// <summary>
    /// Whether failed API tokens are limited per login id and per client address. Default <see langword="true"/>.
    /// A request whose login id or address has used up its budget fails (401, with a <c>Retry-After</c>
    /// header when challenged) before any database query or hash check, even with a right token; only
    /// failures (malformed token, unknown login id, no token issued, wrong token) are charged.
    /// Turning it off leaves every failure free, and every one naming a user with a bcrypt token hash
    /// from keg-auth costs a full bcrypt check.
    /// </summary>
    public bool LimitFailures { get; set; } = true;

    /// <summary>
    /// How many failures one login id may have within <see cref="FailureLimitWindow"/> (the budget
    /// refills one failure at a time, evenly over the window). Default 10; 1 to 1,000,000. An email
    /// login id is counted in the stored, lowercased form, so case variants share one budget. Someone
    /// who knows a login id can keep that user's API tokens refused while they keep failing, as with
    /// a login lockout: keep the window short.
    /// </summary>
    public int FailureLimitPerLoginId { get; set; } = DefaultFailureLimitPerLoginId;

    /// <summary>
    /// How many failures one client address may have within <see cref="FailureLimitWindow"/>, across
    /// all login ids. Default 100; 1 to 1,000,000. IPv6 clients are counted per /64 network (one host
    /// usually holds a whole /64). The address is <c>HttpContext.Connection.RemoteIpAddress</c>: behind
    /// a proxy, configure forwarded headers, or every client shares the proxy's address and budget.
    /// Requests without a remote address (an in-process test server) share one budget.
    /// </summary>
    public int FailureLimitPerClientAddress { get; set; } = DefaultFailureLimitPerClientAddress;

    /// <summary>The period over which the failure budgets refill; default five minutes, 1 second to 1 day.</summary>
    public TimeSpan FailureLimitWindow { get; set; } = DefaultFailureLimitWindow;

    /// <summary>
    /// How many bcrypt token-hash checks (hashes written by Python keg-auth, each replaced by the fast
    /// hash once it verifies) may run at once; further ones wait in a queue. Fast hashes never wait.
    /// Default half the processor count, at least 1; 1 to 1,024.
    /// </summary>
    public int MaxConcurrentLegacyHashChecks { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// How many bcrypt token-hash checks may wait for <see cref="MaxConcurrentLegacyHashChecks"/>; when
    /// the queue is full a further one fails at once (401, not charged as a failure). Default 64; 0 to 100,000.
    /// </summary>
    public int LegacyHashCheckQueueLimit { get; set; } = DefaultLegacyHashCheckQueueLimit;
}
