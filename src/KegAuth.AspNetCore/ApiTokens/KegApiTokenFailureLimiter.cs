using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using KegAuth.AspNetCore.Telemetry;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.ApiTokens;

/// <summary>
/// Node-local budgets of failed API tokens, per login id and per client address: token buckets from
/// System.Threading.RateLimiting that refill evenly over <see cref="KegApiTokenOptions.FailureLimitWindow"/>.
/// Consulted before any lookup or hash check; charged on failure only.
/// </summary>
/// <remarks>
/// Memory is bounded: a login id or address is mapped to one of <see cref="Partitions"/> buckets by a
/// keyed hash (HMAC-SHA256 under a key derived from the app's secret key), so hostile traffic with
/// endless new ids or addresses cannot grow the table, and nobody without the secret can aim a
/// collision at a victim. Two ids that share a bucket share a budget (about one chance in 65,536).
/// A bucket's limiter is dropped by the rate limiter's own clean-up once it has refilled and stayed idle.
/// While no failure has been charged for twice <see cref="KegApiTokenOptions.FailureLimitWindow"/>,
/// every bucket is full, and the check hashes nothing: a node without failures pays no HMAC per request.
/// The check and the charge are separate steps, so failures already in flight when a budget runs out
/// still complete: a burst can pass a budget by at most the number of requests in flight at once.
/// </remarks>
internal sealed class KegApiTokenFailureLimiter : IDisposable
{
    /// <summary>How many buckets login ids, and separately addresses, are hashed into.</summary>
    public const int Partitions = 65_536;

    private readonly byte[] _key;
    private readonly PartitionedRateLimiter<int>? _byLoginId;
    private readonly PartitionedRateLimiter<int>? _byAddress;
    private readonly TimeSpan _loginIdRefill;
    private readonly TimeSpan _addressRefill;
    private readonly long _quietAfterMilliseconds;
    private long _lastChargeMilliseconds = long.MinValue / 2;

    private readonly KegLoginIdFingerprint _fingerprint;

    /// <summary>Reads the scheme's options once.</summary>
    public KegApiTokenFailureLimiter(IOptionsMonitor<KegApiTokenOptions> options, IOptions<KegAuthOptions> kegAuth, KegLoginIdFingerprint fingerprint)
    {
        _fingerprint = fingerprint;
        var settings = options.Get(KegAuthSchemes.ApiToken);

        // Its own key, so a fingerprint in a log says nothing about the secret that signs reset tokens.
        _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(kegAuth.Value.SecretKey ?? string.Empty), "KegAuth API-token failure limits v1"u8);
        _loginIdRefill = settings.FailureLimitWindow / settings.FailureLimitPerLoginId;
        _addressRefill = settings.FailureLimitWindow / settings.FailureLimitPerClientAddress;

        // An emptied bucket is full again one window later (limit × refill); twice that allows for the
        // limiter's replenishment timer running late.
        _quietAfterMilliseconds = (long)(2 * settings.FailureLimitWindow.TotalMilliseconds);
        if (settings.LimitFailures)
        {
            _byLoginId = Buckets(settings.FailureLimitPerLoginId, _loginIdRefill);
            _byAddress = Buckets(settings.FailureLimitPerClientAddress, _addressRefill);
        }
    }

    /// <summary>Names the client for the budgets and the log; nothing is hashed until a budget or a log line needs it.</summary>
    /// <param name="loginId">The login id in its stored form, or null when the token did not parse.</param>
    /// <param name="address">The connection's remote address.</param>
    public KegApiTokenClient Identify(string? loginId, IPAddress? address) => new(loginId, address, _fingerprint);

    /// <summary>
    /// Whether the client's login id or address has no failure left; <paramref name="retryAfter"/> is
    /// then the time until one failure's worth returns. Always false with limiting off.
    /// </summary>
    public bool IsLimited(KegApiTokenClient client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_byAddress is null || _byLoginId is null)
        {
            return false;
        }

        if (Environment.TickCount64 - Volatile.Read(ref _lastChargeMilliseconds) > _quietAfterMilliseconds)
        {
            return false;
        }

        if (LoginIdBucket(client) is { } bucket && IsEmpty(_byLoginId, bucket))
        {
            retryAfter = _loginIdRefill;
        }

        if (IsEmpty(_byAddress, AddressBucket(client)) && _addressRefill > retryAfter)
        {
            retryAfter = _addressRefill;
        }

        return retryAfter > TimeSpan.Zero;
    }

    /// <summary>Charges one failure to the client's login id and address; says which budgets this used up.</summary>
    public KegApiTokenBudgets Charge(KegApiTokenClient client)
    {
        if (_byAddress is null || _byLoginId is null)
        {
            return KegApiTokenBudgets.None;
        }

        // Before the permits are taken: a check that sees an emptied bucket must also see this charge.
        Volatile.Write(ref _lastChargeMilliseconds, Environment.TickCount64);
        var exhausted = KegApiTokenBudgets.None;
        if (LoginIdBucket(client) is { } bucket && TakeOne(_byLoginId, bucket))
        {
            exhausted |= KegApiTokenBudgets.LoginId;
        }

        if (TakeOne(_byAddress, AddressBucket(client)))
        {
            exhausted |= KegApiTokenBudgets.ClientAddress;
        }

        return exhausted;
    }

    /// <summary>The time until one failure of <paramref name="budget"/> returns.</summary>
    public TimeSpan RefillTime(KegApiTokenBudgets budget)
    {
        var time = budget.HasFlag(KegApiTokenBudgets.LoginId) ? _loginIdRefill : TimeSpan.Zero;
        return budget.HasFlag(KegApiTokenBudgets.ClientAddress) && _addressRefill > time ? _addressRefill : time;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _byLoginId?.Dispose();
        _byAddress?.Dispose();
    }

    /// <summary>The IPv4 address, or the /64 network of an IPv6 one (a host usually holds a whole /64); "unknown" without one.</summary>
    internal static string AddressKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString() + "/64";
    }

    private static PartitionedRateLimiter<int> Buckets(int limit, TimeSpan refill) =>
        PartitionedRateLimiter.Create<int, int>(bucket => RateLimitPartition.GetTokenBucketLimiter(bucket, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = limit,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = refill,
            QueueLimit = 0,
        }));

    private static bool IsEmpty(PartitionedRateLimiter<int> limiter, int bucket) =>
        limiter.GetStatistics(bucket) is { CurrentAvailablePermits: <= 0 };

    /// <summary>Takes one failure from the bucket; true when that used up the last one.</summary>
    private static bool TakeOne(PartitionedRateLimiter<int> limiter, int bucket)
    {
        using var lease = limiter.AttemptAcquire(bucket, 1);
        return lease.IsAcquired && IsEmpty(limiter, bucket);
    }

    // Under this limiter's own key; the log names the login id by the fingerprint every KegAuth event
    // uses, so one account's sign-in and API-token events can be followed together.
    private int? LoginIdBucket(KegApiTokenClient client) => client.LoginId is null ? null : Bucket(Hash("login-id:" + client.LoginId));

    private int AddressBucket(KegApiTokenClient client) => Bucket(Hash("address:" + client.Address));

    private static int Bucket(byte[] hash) => ((hash[0] << 8) | hash[1]) % Partitions;

    private byte[] Hash(string value) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value));
}

/// <summary>Who a failure is charged to: a login id (none when the token did not parse) and a client address; the limiter hashes them into buckets when it needs to.</summary>
/// <param name="LoginId">The login id, or null when the token did not parse; never logged as such.</param>
/// <param name="RemoteAddress">The connection's remote address, or null.</param>
/// <param name="Fingerprints">Makes the log's fingerprint of the login id.</param>
internal readonly record struct KegApiTokenClient(string? LoginId, IPAddress? RemoteAddress, KegLoginIdFingerprint Fingerprints)
{
    /// <summary>The address as counted (IPv4, IPv6 /64, or "unknown").</summary>
    public string Address => KegApiTokenFailureLimiter.AddressKey(RemoteAddress);

    /// <summary>12 hex characters of a keyed hash of the login id, for logs; "-" without one. Computed when a log line asks: a successful request logs nothing and must not pay an HMAC for it.</summary>
    public string LoginIdFingerprint => Fingerprints.Of(LoginId);
}

/// <summary>The failure budgets a request is counted against.</summary>
[Flags]
internal enum KegApiTokenBudgets
{
    /// <summary>Neither.</summary>
    None = 0,

    /// <summary>The login id's.</summary>
    LoginId = 1,

    /// <summary>The client address's.</summary>
    ClientAddress = 2,
}
