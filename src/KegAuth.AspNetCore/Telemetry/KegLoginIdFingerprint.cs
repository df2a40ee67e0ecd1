using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Telemetry;

/// <summary>
/// Names a login id in logs without giving it away: 12 hex characters of an HMAC-SHA256 of the id
/// under a key derived from the app's secret key (one id, one fingerprint, while the key stays), so an
/// operator can follow one account's failures across log lines and nodes, and nobody without the
/// secret can test a guessed id against the log.
/// </summary>
internal sealed class KegLoginIdFingerprint
{
    private readonly byte[] _key;

    /// <summary>Derives the fingerprint key from <see cref="KegAuthOptions.SecretKey"/>.</summary>
    public KegLoginIdFingerprint(IOptions<KegAuthOptions> options)
    {
        // Its own key, so a fingerprint says nothing about the secret that signs reset tokens.
        _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.SecretKey ?? string.Empty), "KegAuth log fingerprints v1"u8);
    }

    /// <summary>The fingerprint of <paramref name="loginId"/> (pass the stored form: an email lowercased); "-" for none.</summary>
    public string Of(string? loginId)
        => string.IsNullOrEmpty(loginId)
            ? "-"
            : Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(loginId)), 0, 6);
}
