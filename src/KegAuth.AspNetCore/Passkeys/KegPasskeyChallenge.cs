using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace KegAuth.AspNetCore.Passkeys;

/// <summary>What a ceremony's cookie holds: the challenge, when it was issued, and for a registration whose session it belongs to.</summary>
/// <param name="Challenge">The random challenge.</param>
/// <param name="IssuedUtc">When it was issued.</param>
/// <param name="UserHandle">Registration: the WebAuthn user handle the options named.</param>
/// <param name="SessionKey">Registration: the session key of the user it was issued to; a changed key (another user, or any rights change) voids it.</param>
internal sealed record KegPasskeyChallenge(byte[] Challenge, DateTime IssuedUtc, byte[] UserHandle, string SessionKey)
{
    /// <summary>The registration ceremony's cookie.</summary>
    public const string RegistrationCookie = "KegAuth.Passkey.Registration";

    /// <summary>The sign-in ceremony's cookie.</summary>
    public const string SignInCookie = "KegAuth.Passkey.SignIn";

    /// <summary>Seals the challenge into <paramref name="cookie"/>: HttpOnly, SameSite=Strict, secure on HTTPS, for the challenge's lifetime. A purpose per cookie, so one ceremony's cookie is never read as the other's.</summary>
    public void Write(HttpContext http, IDataProtectionProvider protection, string cookie, TimeSpan lifetime)
    {
        var session = Encoding.UTF8.GetBytes(SessionKey);
        var payload = new byte[8 + 1 + Challenge.Length + 1 + UserHandle.Length + session.Length];
        BinaryPrimitives.WriteInt64BigEndian(payload, IssuedUtc.Ticks);
        payload[8] = (byte)Challenge.Length;
        Challenge.CopyTo(payload, 9);
        payload[9 + Challenge.Length] = (byte)UserHandle.Length;
        UserHandle.CopyTo(payload, 10 + Challenge.Length);
        session.CopyTo(payload, 10 + Challenge.Length + UserHandle.Length);
        var sealedValue = Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(protection.CreateProtector(Purpose(cookie)).Protect(payload));
        http.Response.Cookies.Append(cookie, sealedValue, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            Path = "/",
            MaxAge = lifetime,
        });
    }

    /// <summary>
    /// Reads and spends the challenge of <paramref name="cookie"/>: the cookie is deleted whatever it
    /// held. Null when absent, tampered, sealed for another purpose or key ring, or older than <paramref name="lifetime"/>.
    /// </summary>
    public static KegPasskeyChallenge? Take(HttpContext http, IDataProtectionProvider protection, string cookie, TimeSpan lifetime, DateTime utcNow)
    {
        if (!http.Request.Cookies.TryGetValue(cookie, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        http.Response.Cookies.Delete(cookie, new CookieOptions { Path = "/", Secure = http.Request.IsHttps, SameSite = SameSiteMode.Strict, HttpOnly = true });
        byte[] payload;
        try
        {
            payload = protection.CreateProtector(Purpose(cookie)).Unprotect(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(value));
        }
        catch (Exception exception) when (exception is CryptographicException or FormatException)
        {
            return null;
        }

        if (payload.Length < 10)
        {
            return null;
        }

        var issued = new DateTime(BinaryPrimitives.ReadInt64BigEndian(payload), DateTimeKind.Utc);
        var challengeLength = payload[8];
        if (payload.Length < 10 + challengeLength || payload.Length < 10 + challengeLength + payload[9 + challengeLength])
        {
            return null;
        }

        var handleLength = payload[9 + challengeLength];
        var challenge = payload.AsSpan(9, challengeLength).ToArray();
        var handle = payload.AsSpan(10 + challengeLength, handleLength).ToArray();
        var session = Encoding.UTF8.GetString(payload.AsSpan(10 + challengeLength + handleLength));

        // A little ahead is another node's clock; far ahead or too old is refused.
        return issued - utcNow > ClockSkew || utcNow - issued > lifetime ? null : new KegPasskeyChallenge(challenge, issued, handle, session);
    }

    /// <summary>How far ahead of this node's clock another node's issue time may be.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private static string Purpose(string cookie) => "KegAuth.Passkeys.Challenge." + cookie;
}
