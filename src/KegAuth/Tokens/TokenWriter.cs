using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KegAuth.Infrastructure;

namespace KegAuth.Tokens;

/// <summary>
/// Issues reset tokens in the layout authlib gives keg-auth: header <c>{"alg":"HS512","typ":"JWT"}</c>,
/// compact payload <c>{"user_id":..,"iat":..,"exp":..}</c>, HMAC-SHA512 with the derived key.
/// Given the same second it reproduces keg-auth's token exactly.
/// </summary>
internal static class TokenWriter
{
    /// <summary>Base64url of <c>{"alg":"HS512","typ":"JWT"}</c>, the same for every token.</summary>
    public const string HeaderSegment = "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9";

    /// <summary>Builds and signs a token issued at <paramref name="issuedAt"/> (Unix seconds).</summary>
    public static string Write(KegTokenUserId userId, string salt, string secretKey, long issuedAt, long lifetimeSeconds)
    {
        var payload = new StringBuilder(96);
        payload.Append("{\"user_id\":");
        if (userId.Text is { } text)
        {
            // authlib serialises with json.dumps, so a string id is escaped the Python way (ASCII only).
            PythonJson.AppendString(payload, text);
        }
        else
        {
            payload.Append(userId.Integer.ToString(CultureInfo.InvariantCulture));
        }

        payload.Append(",\"iat\":").Append(issuedAt.ToString(CultureInfo.InvariantCulture));
        payload.Append(",\"exp\":").Append((issuedAt + lifetimeSeconds).ToString(CultureInfo.InvariantCulture));
        payload.Append('}');

        var signingInput = HeaderSegment + "." + Base64Url.EncodeToString(Encoding.ASCII.GetBytes(payload.ToString()));

        Span<byte> key = stackalloc byte[TokenSigningKeys.KeySize];
        Span<byte> mac = stackalloc byte[HMACSHA512.HashSizeInBytes];
        TokenSigningKeys.DeriveKey(salt, secretKey, key);
        HMACSHA512.HashData(key, Encoding.ASCII.GetBytes(signingInput), mac);
        // Stryker disable once Statement : the key lives on this frame's stack; no test can read it after the return
        CryptographicOperations.ZeroMemory(key);
        return signingInput + "." + Base64Url.EncodeToString(mac);
    }
}
