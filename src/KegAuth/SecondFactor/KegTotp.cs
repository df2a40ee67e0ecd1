using System.Buffers.Binary;
using System.Security.Cryptography;

namespace KegAuth;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP), as authenticator apps make them:
/// a shared secret, 30-second time steps, 6 digits and HMAC-SHA-1 by default. <see cref="Verify"/>
/// accepts the current step and one on either side (clock skew), never a step at or before the last
/// one accepted (a code works once), and compares in constant time.
/// </summary>
public static class KegTotp
{
    /// <summary>Bytes in a new secret: 160 bits, the HMAC-SHA-1 block RFC 4226 recommends.</summary>
    public const int SecretBytes = 20;

    /// <summary>The time step, as every authenticator app uses it.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    /// <summary>A new random secret.</summary>
    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    /// <summary>The secret as the base32 text an authenticator app accepts typed in.</summary>
    public static string EncodeSecret(ReadOnlySpan<byte> secret) => Base32.Encode(secret);

    /// <summary>Reads a base32 secret (either case, spaces allowed); false for anything else or an empty secret.</summary>
    public static bool TryDecodeSecret(string? text, out byte[] secret) => Base32.TryDecode(text, out secret) && secret.Length > 0;

    /// <summary>
    /// The <c>otpauth://totp/</c> URI an authenticator app reads from a QR code (Google Authenticator's
    /// key URI format): label <c>issuer:account</c>, the base32 secret, the issuer again, 6 digits, 30 s, SHA1.
    /// </summary>
    /// <param name="issuer">The application's name, shown in the app; must not contain a colon.</param>
    /// <param name="account">The user's login id.</param>
    /// <param name="secret">The shared secret.</param>
    /// <exception cref="ArgumentException"><paramref name="issuer"/> or <paramref name="account"/> is empty, or the issuer contains a colon.</exception>
    public static string OtpAuthUri(string issuer, string account, ReadOnlySpan<byte> secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(account);
        if (issuer.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException("The issuer must not contain ':', which separates it from the account in the label.", nameof(issuer));
        }

        var label = Uri.EscapeDataString(issuer) + ":" + Uri.EscapeDataString(account);
        return $"otpauth://totp/{label}?secret={Base32.Encode(secret)}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits=6&period=30";
    }

    /// <summary>The time step <paramref name="utcTime"/> falls in: whole periods since the Unix epoch.</summary>
    public static long StepAt(DateTimeOffset utcTime) => Math.DivRem(utcTime.ToUnixTimeSeconds(), (long)Period.TotalSeconds, out var rest) - (rest < 0 ? 1 : 0);

    /// <summary>The code for <paramref name="step"/> (RFC 4226 dynamic truncation of the HMAC of the big-endian step).</summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="step">The time step (<see cref="StepAt"/>).</param>
    /// <param name="digits">6 to 8.</param>
    /// <param name="algorithm">The HMAC.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digits"/> is not 6, 7 or 8.</exception>
    public static string Compute(ReadOnlySpan<byte> secret, long step, int digits = 6, KegTotpAlgorithm algorithm = KegTotpAlgorithm.Sha1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 8);
        return Truncate(secret, step, algorithm, digits).ToString("D" + digits, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Checks a 6-digit code (spaces ignored, as apps show <c>123 456</c>) against the steps around
    /// <paramref name="utcNow"/>. Never throws.
    /// </summary>
    /// <param name="secret">The shared secret.</param>
    /// <param name="code">What the user typed.</param>
    /// <param name="utcNow">The current time.</param>
    /// <param name="lastAcceptedStep">The step of the last code accepted for this secret; it and earlier steps are refused.</param>
    /// <returns>The step the code matched (store it as the new last accepted step), or <see langword="null"/>.</returns>
    public static long? Verify(ReadOnlySpan<byte> secret, string? code, DateTimeOffset utcNow, long? lastAcceptedStep)
    {
        Span<byte> typed = stackalloc byte[6];
        if (secret.IsEmpty || !TryReadDigits(code, typed))
        {
            return null;
        }

        var now = StepAt(utcNow);
        long? matched = null;
        Span<byte> expected = stackalloc byte[6];
        // Every candidate is computed and compared, matching or not, so the time taken says nothing.
        for (var step = now - 1; step <= now + 1; step++)
        {
            WriteDigits(Truncate(secret, step, KegTotpAlgorithm.Sha1, 6), expected);
            var equal = CryptographicOperations.FixedTimeEquals(typed, expected);
            if (equal && matched is null && (lastAcceptedStep is not { } last || step > last))
            {
                matched = step;
            }
        }

        return matched;
    }

    private static bool TryReadDigits(string? code, Span<byte> digits)
    {
        if (code is null || code.Length > 32)
        {
            return false;
        }

        var count = 0;
        foreach (var c in code)
        {
            if (c == ' ')
            {
                continue;
            }

            if (c is < '0' or > '9' || count == digits.Length)
            {
                return false;
            }

            digits[count++] = (byte)c;
        }

        return count == digits.Length;
    }

    private static void WriteDigits(int value, Span<byte> digits)
    {
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            digits[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private static int Truncate(ReadOnlySpan<byte> secret, long step, KegTotpAlgorithm algorithm, int digits)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> mac = stackalloc byte[64];
        var length = algorithm switch
        {
            KegTotpAlgorithm.Sha256 => HMACSHA256.HashData(secret, counter, mac),
            KegTotpAlgorithm.Sha512 => HMACSHA512.HashData(secret, counter, mac),
            _ => HMACSHA1.HashData(secret, counter, mac),
        };
        var offset = mac[length - 1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(mac.Slice(offset, 4)) & 0x7FFFFFFF;
        CryptographicOperations.ZeroMemory(mac);
        return binary % (digits switch { 6 => 1_000_000, 7 => 10_000_000, _ => 100_000_000 });
    }
}
