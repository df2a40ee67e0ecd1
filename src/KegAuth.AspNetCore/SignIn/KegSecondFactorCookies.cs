using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.SignIn;

/// <summary>
/// The two cookies of a two-step sign-in, both sealed with Data Protection under purposes of their own
/// (so neither can pass for the session cookie, nor one for the other): the pending sign-in between the
/// password and the code (user key, session key, "remember me", expiry) and the remembered device
/// (user key, a hash of the session key, expiry). Expiry is checked against KegAuth's clock.
/// </summary>
internal sealed class KegSecondFactorCookies(IDataProtectionProvider dataProtection, IOptions<KegSecondFactorOptions> options, IOptions<KegAuthOptions> kegAuth)
{
    private const string PendingPurpose = "KegAuth.SecondFactor.PendingSignIn.v1";
    private const string DevicePurpose = "KegAuth.SecondFactor.RememberedDevice.v1";

    // A sealed payload is a few hundred characters; anything far longer is not ours and is not unprotected.
    private const int MaxCookieLength = 4096;

    private readonly IDataProtector _pending = dataProtection.CreateProtector(PendingPurpose);
    private readonly IDataProtector _device = dataProtection.CreateProtector(DevicePurpose);

    private DateTime UtcNow => kegAuth.Value.UtcNow;

    /// <summary>
    /// Sets the pending-sign-in cookie for <paramref name="userKey"/> after a right password. It carries the
    /// user's last completed sign-in, so it completes at most one: the first completion moves that time.
    /// </summary>
    public void IssuePending(HttpContext httpContext, string userKey, string sessionKey, DateTime? lastLoginUtc, string? attemptKey, bool persistent)
    {
        var settings = options.Value;
        var expires = UtcNow + settings.PendingSignInLifetime;
        var payload = Write(writer =>
        {
            writer.Write(userKey);
            writer.Write(sessionKey);
            writer.Write(lastLoginUtc?.Ticks ?? 0L);
            writer.Write(attemptKey ?? string.Empty);
            writer.Write(persistent);
            writer.Write(expires.Ticks);
        });
        httpContext.Response.Cookies.Append(settings.PendingCookieName, Seal(_pending, payload), CookieOptions(httpContext, expires: null));
    }

    /// <summary>The request's pending sign-in, or <see langword="null"/> when missing, unreadable or expired.</summary>
    public KegPendingSignIn? ReadPending(HttpContext httpContext)
    {
        var bytes = Unprotect(_pending, httpContext.Request.Cookies[options.Value.PendingCookieName]);
        if (bytes is null)
        {
            return null;
        }

        return Read(bytes, reader =>
        {
            var pending = new KegPendingSignIn(reader.ReadString(), reader.ReadString(), reader.ReadInt64(), reader.ReadString(), reader.ReadBoolean(), new DateTime(reader.ReadInt64(), DateTimeKind.Utc));
            return pending.ExpiresUtc > UtcNow ? pending : null;
        });
    }

    /// <summary>Removes the pending-sign-in cookie.</summary>
    public void ClearPending(HttpContext httpContext)
        => httpContext.Response.Cookies.Delete(options.Value.PendingCookieName, CookieOptions(httpContext, expires: null));

    /// <summary>Whether "remember this device" is on (<see cref="KegSecondFactorOptions.RememberDeviceFor"/> above zero).</summary>
    public bool RememberDeviceEnabled => options.Value.RememberDeviceFor > TimeSpan.Zero;

    /// <summary>Sets the remembered-device cookie for the user with its current session key.</summary>
    public void RememberDevice(HttpContext httpContext, string userKey, string sessionKey)
    {
        var settings = options.Value;
        if (!RememberDeviceEnabled)
        {
            return;
        }

        var expires = UtcNow + settings.RememberDeviceFor;
        var payload = Write(writer =>
        {
            writer.Write(userKey);
            writer.Write(SessionKeyHash(sessionKey));
            writer.Write(expires.Ticks);
        });
        httpContext.Response.Cookies.Append(settings.DeviceCookieName, Seal(_device, payload), CookieOptions(httpContext, expires));
    }

    /// <summary>
    /// Whether the request's device cookie was set for this user while its session key was the current
    /// one, and has not expired. A changed session key (password, authenticator, sign-out everywhere)
    /// makes every remembered device ask for a code again.
    /// </summary>
    public bool IsDeviceRemembered(HttpContext httpContext, string userKey, string sessionKey)
    {
        if (!RememberDeviceEnabled)
        {
            return false;
        }

        var bytes = Unprotect(_device, httpContext.Request.Cookies[options.Value.DeviceCookieName]);
        return bytes is not null && Read(bytes, reader =>
        {
            var key = reader.ReadString();
            var hash = reader.ReadString();
            var expires = new DateTime(reader.ReadInt64(), DateTimeKind.Utc);
            var sameKey = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(hash), Encoding.UTF8.GetBytes(SessionKeyHash(sessionKey)));
            return string.Equals(key, userKey, StringComparison.Ordinal) && sameKey && expires > UtcNow;
        });
    }

    // The session key itself never leaves the server in this long-lived cookie, even sealed.
    private static string SessionKeyHash(string sessionKey) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(sessionKey)));

    private static CookieOptions CookieOptions(HttpContext httpContext, DateTime? expires) => new()
    {
        HttpOnly = true,
        Secure = httpContext.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        IsEssential = true,
        Expires = expires,
    };

    private static byte[] Write(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return stream.ToArray();
    }

    private static T? Read<T>(byte[] bytes, Func<BinaryReader, T?> read)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(bytes), Encoding.UTF8);
            return read(reader);
        }
        catch (Exception exception) when (exception is EndOfStreamException or IOException or ArgumentException or FormatException)
        {
            return default;
        }
    }

    private static byte[]? Unprotect(IDataProtector protector, string? cookie)
    {
        if (string.IsNullOrEmpty(cookie) || cookie.Length > MaxCookieLength)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(WebEncoders.Base64UrlDecode(cookie));
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            // Another key ring, another purpose, tampered with, or not even base64.
            return null;
        }
    }

    private static string Seal(IDataProtector protector, byte[] payload) => WebEncoders.Base64UrlEncode(protector.Protect(payload));
}

/// <summary>A password step waiting for its code.</summary>
/// <param name="UserKey">The user's primary key as invariant text.</param>
/// <param name="SessionKey">The user's session key at the password step; a changed key ends the pending sign-in.</param>
/// <param name="LastLoginTicks">The user's last completed sign-in at the password step (0 for none); a sign-in completed since ends this one.</param>
/// <param name="AttemptKey">The password step's attempt, which the completed sign-in marks successful; empty when unknown.</param>
/// <param name="Persistent">The "remember me" choice of the password step.</param>
/// <param name="ExpiresUtc">When the pending sign-in ends.</param>
internal sealed record KegPendingSignIn(string UserKey, string SessionKey, long LastLoginTicks, string AttemptKey, bool Persistent, DateTime ExpiresUtc);
