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
        if (settings.LimitFailures)
        {
            _byLoginId = Buckets(settings.FailureLimitPerLoginId, _loginIdRefill);
            _byAddress = Buckets(settings.FailureLimitPerClientAddress, _addressRefill);
        }
    }

    /// <summary>Names the client for the budgets and the log: the login id's bucket and fingerprint, the address's bucket and text.</summary>
    /// <param name="loginId">The login id in its stored form, or null when the token did not parse.</param>
    /// <param name="address">The connection's remote address.</param>
    public KegApiTokenClient Identify(string? loginId, IPAddress? address)
    {
        var addressText = AddressKey(address);
        var addressHash = Hash("address:" + addressText);
        if (loginId is null)
        {
            return new KegApiTokenClient(null, null, _fingerprint, Bucket(addressHash), addressText);
        }

        // The log names the login id by the fingerprint every KegAuth event uses, so one account's
        // sign-in and API-token events can be followed together; the bucket stays under this key.
        var loginIdHash = Hash("login-id:" + loginId);
        return new KegApiTokenClient(Bucket(loginIdHash), loginId, _fingerprint, Bucket(addressHash), addressText);
    }

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

        if (client.LoginIdBucket is { } bucket && IsEmpty(_byLoginId, bucket))
        {
            retryAfter = _loginIdRefill;
        }

        if (IsEmpty(_byAddress, client.AddressBucket) && _addressRefill > retryAfter)
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

        var exhausted = KegApiTokenBudgets.None;
        if (client.LoginIdBucket is { } bucket && TakeOne(_byLoginId, bucket))
        {
            exhausted |= KegApiTokenBudgets.LoginId;
        }

        if (TakeOne(_byAddress, client.AddressBucket))
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

    private static int Bucket(byte[] hash) => ((hash[0] << 8) | hash[1]) % Partitions;

    private byte[] Hash(string value) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(value));
}

/// <summary>Who a failure is charged to: a login-id bucket and fingerprint (none when the token did not parse) and an address bucket.</summary>
/// <param name="LoginIdBucket">The login id's bucket, or null.</param>
/// <param name="LoginId">The login id, or null when the token did not parse; never logged as such.</param>
/// <param name="Fingerprints">Makes the log's fingerprint of the login id.</param>
/// <param name="AddressBucket">The address's bucket.</param>
/// <param name="Address">The address as counted (IPv4, IPv6 /64, or "unknown").</param>
internal readonly record struct KegApiTokenClient(int? LoginIdBucket, string? LoginId, KegLoginIdFingerprint Fingerprints, int AddressBucket, string Address)
{
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
