using System.Globalization;
using System.Text.Encodings.Web;
using KegAuth.AspNetCore.Sessions;
using KegAuth.AspNetCore.Users;
using KegAuth.Infrastructure;
using KegAuth.Telemetry;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Values = KegAuth.Telemetry.KegAuthTelemetryValues;

namespace KegAuth.AspNetCore.ApiTokens;

/// <summary>
/// Authenticates a request by its API token (keg-auth's token authenticator): refuses a client over
/// its failure budget before any work, finds the user by the token's login id, checks the hash (a
/// bcrypt one within the concurrency bound), writes a bcrypt-to-fast hash upgrade conditionally,
/// rejects an inactive user, and issues a principal with the user's key, login id and session key.
/// A token that matches the user the node's <see cref="KegSessionCache{TContext, TUser}"/> holds for its
/// login id skips the database read; any other goes the whole way.
/// </summary>
internal sealed class KegApiTokenHandler<TContext, TUser>(
    IOptionsMonitor<KegApiTokenOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    KegUserStore<TContext, TUser> users,
    KegApiTokenFailureLimiter limiter,
    KegApiTokenHashCheck hashCheck,
    KegSessionCache<TContext, TUser> cache,
    KegAuthMetrics metrics)
    : AuthenticationHandler<KegApiTokenOptions>(options, logger, encoder)
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>, IKegUserToken
{
    /// <summary>The <c>HttpContext.Items</c> key of the Retry-After a refusal asks the challenge to send.</summary>
    private static readonly object RetryAfterKey = new();

    /// <summary>Email login ids are stored lowercased and matched so: count them in that form.</summary>
    private static readonly bool EmailLoginId = typeof(IKegUserEmail).IsAssignableFrom(typeof(TUser));

    private readonly ILogger _log = logger.CreateLogger(KegApiTokenLog.Category);

    /// <summary>The metric and span result of this request's check, set on each way out.</summary>
    private string _outcome = Values.Error;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = KegApiTokenReader.Read(Request, Options.HeaderName);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        using var activity = KegAuthActivitySource.Source.StartActivity(KegAuthActivitySource.ApiTokenAuthenticate);
        var started = metrics.ApiTokenStarted();
        try
        {
            var result = await AuthenticateAsync(token).ConfigureAwait(false);
            activity?.SetTag(KegAuthActivitySource.ResultTag, _outcome);
            metrics.ApiToken(_outcome, started);
            return result;
        }
        catch (Exception exception)
        {
            KegAuthActivitySource.Failed(activity, exception);
            metrics.ApiToken(Values.Error, started);
            throw;
        }
    }

    private async Task<AuthenticateResult> AuthenticateAsync(string token)
    {
        var parsed = KegApiTokens.TryParse(token, out var loginId, out var rawToken);
        var client = limiter.Identify(parsed ? CountedLoginId(loginId) : null, Context.Connection.RemoteIpAddress);
        if (limiter.IsLimited(client, out var retryAfter))
        {
            KegApiTokenLog.Limited(_log, client.LoginIdFingerprint, client.Address);
            _outcome = Values.Limited;
            return Refuse(retryAfter, "Too many failed API tokens from this client or for this user; try again later.");
        }

        if (!parsed)
        {
            return Failure(client, "malformed", Values.Malformed);
        }

        var generation = cache.Open(users.Context);
        if (generation?.FindToken(loginId) is { } cached && await IsCachedTokenAsync(cached, rawToken).ConfigureAwait(false))
        {
            metrics.SessionCacheLookup(Values.ApiToken, Values.Hit);
            users.RememberShared(cached);
            return Success(cached);
        }

        metrics.SessionCacheLookup(Values.ApiToken, generation is null ? Values.Off : Values.Miss);

        // Compiled and untracked: the user is remembered for the request and attached only if the app asks for it.
        var user = await users.FindUntrackedByLoginIdAsync(loginId, Context.RequestAborted).ConfigureAwait(false);
        var stored = user?.Token;
        if (stored is null)
        {
            return Failure(client, "unknown login id or no token issued", Values.Unknown);
        }

        switch (await hashCheck.CheckAsync(stored, rawToken, Context.RequestAborted).ConfigureAwait(false))
        {
            case KegApiTokenHashOutcome.Busy:
                KegApiTokenLog.LegacyCheckBusy(_log, Options.MaxConcurrentLegacyHashChecks, Options.LegacyHashCheckQueueLimit, client.LoginIdFingerprint, client.Address);
                _outcome = Values.Busy;
                return Refuse(TimeSpan.FromSeconds(1), "The server is busy checking API tokens; try again later.");
            case KegApiTokenHashOutcome.Mismatched:
                return Failure(client, "wrong token", Values.Mismatched);
        }

        if (!stored.IsFastTokenHash)
        {
            // Conditional on the hash just verified: a rotation or revocation saved meanwhile wins, and this token with it.
            if (!await KegApiTokens.UpgradeHashAsync(users.Context.Set<TUser>(), user!, stored, rawToken, Context.RequestAborted).ConfigureAwait(false))
            {
                KegApiTokenLog.HashUpgradeSkipped(_log, client.LoginIdFingerprint);
                _outcome = Values.Changed;
                return AuthenticateResult.Fail("The API token changed while it was checked.");
            }

            KegApiTokenLog.HashUpgraded(_log, client.LoginIdFingerprint);
        }

        if (!user!.IsActiveAt(users.UtcNow))
        {
            _outcome = Values.Inactive;
            return AuthenticateResult.Fail("The API token's user is not active.");
        }

        // Only a fast hash is cached: a bcrypt one was upgraded above, so the next request reads it again.
        if (stored.IsFastTokenHash && generation is not null && generation.AddToken(loginId, user))
        {
            users.RememberShared(user);
        }
        else
        {
            users.Remember(user);
        }

        return Success(user);
    }

    /// <summary>
    /// Whether the session cache's user for the token's login id takes the token: a fast hash that
    /// matches, and the user active now. Anything else goes the database's way, so a failure never
    /// takes the cache's shortcut and its timing does not tell which login ids are cached.
    /// </summary>
    private async Task<bool> IsCachedTokenAsync(TUser cached, string rawToken)
        => cached.Token is { IsFastTokenHash: true } stored
           && cached.IsActiveAt(users.UtcNow)
           && await hashCheck.CheckAsync(stored, rawToken, Context.RequestAborted).ConfigureAwait(false) == KegApiTokenHashOutcome.Matched;

    private AuthenticateResult Success(TUser user)
    {
        _outcome = Values.Succeeded;
        var principal = users.CreatePrincipal(user, Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    /// <summary>A 401 as always, plus the Retry-After a refusal asked for (whole seconds, rounded up).</summary>
    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.TryGetValue(RetryAfterKey, out var value) && value is TimeSpan retryAfter)
        {
            Response.Headers[HeaderNames.RetryAfter] = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        }

        return base.HandleChallengeAsync(properties);
    }

    private static string CountedLoginId(string loginId) => EmailLoginId ? KegUserSupport.NormalizeEmail(loginId) : loginId;

    private static long Seconds(TimeSpan time) => Math.Max(1, (long)Math.Ceiling(time.TotalSeconds));

    /// <summary>Charges the failure to the client's budgets, logs it, and warns when it used one up.</summary>
    private AuthenticateResult Failure(KegApiTokenClient client, string reason, string outcome)
    {
        _outcome = outcome;
        KegApiTokenLog.Failed(_log, reason, client.LoginIdFingerprint, client.Address);
        var exhausted = limiter.Charge(client);
        if (exhausted != KegApiTokenBudgets.None)
        {
            KegApiTokenLog.LimitReached(_log, exhausted, client.LoginIdFingerprint, client.Address, Seconds(limiter.RefillTime(exhausted)));
        }

        return AuthenticateResult.Fail("The API token is not valid.");
    }

    private AuthenticateResult Refuse(TimeSpan retryAfter, string message)
    {
        Context.Items[RetryAfterKey] = retryAfter;
        return AuthenticateResult.Fail(message);
    }
}
