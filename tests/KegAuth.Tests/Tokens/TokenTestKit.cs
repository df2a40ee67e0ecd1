using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using KegAuth.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace KegAuth.Tests.Tokens;

/// <summary>Options on a fake clock, and hand-made tokens signed with the real key so one part at a time can be wrong.</summary>
internal static class TokenTestKit
{
    public const string Secret = "test-secret-key-of-at-least-32-characters";

    /// <summary>2023-11-14T22:13:20Z.</summary>
    public const long Now = 1_700_000_000;

    public const long UserId = 42;

    public static readonly string Salt = KegResetTokens.BuildSalt("user@example.com", true, null, null);

    public static KegTokenUserId User => KegTokenUserId.FromInt64(UserId);

    /// <summary>Options with <see cref="Secret"/> and a fake clock at <paramref name="unixSeconds"/>; <paramref name="allowShortSecret"/> for keg-auth vectors' short keys.</summary>
    public static KegAuthOptions Options(long unixSeconds = Now, string secret = Secret, bool allowLegacy = false, bool allowShortSecret = false) =>
        new()
        {
            SecretKey = secret,
            AllowShortSecretKey = allowShortSecret,
            AllowLegacyTokens = allowLegacy,
            TimeProvider = Clock(unixSeconds),
        };

    public static FakeTimeProvider Clock(long unixSeconds) => new(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

    /// <summary>Sets the options' fake clock to a Unix second.</summary>
    public static void SetTime(KegAuthOptions options, long unixSeconds) =>
        ((FakeTimeProvider)options.TimeProvider).SetUtcNow(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));

    public static string B64(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    /// <summary>A JWT over the given JSON texts, HMAC-SHA512-signed with <paramref name="key"/>.</summary>
    public static string SignRaw(string headerSegment, string payloadSegment, byte[] key)
    {
        var input = headerSegment + "." + payloadSegment;
        return input + "." + Base64Url.EncodeToString(HMACSHA512.HashData(key, Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>Signed with the current key for <see cref="Salt"/> and <see cref="Secret"/>.</summary>
    public static string Sign(string headerJson, string payloadJson) =>
        SignRaw(B64(headerJson), B64(payloadJson), CurrentKey());

    /// <summary>Signed with the legacy SHA-1 key for <see cref="Salt"/> and <see cref="Secret"/>.</summary>
    public static string SignLegacy(string headerJson, string payloadJson) =>
        SignRaw(B64(headerJson), B64(payloadJson), LegacyKey());

    /// <summary>The key as the README states it, computed independently of the code under test.</summary>
    public static byte[] CurrentKey(string? salt = null, string secret = Secret) =>
        SHA512.HashData(Encoding.UTF8.GetBytes((salt ?? Salt) + "signer" + secret));

    public static byte[] LegacyKey(string? salt = null, string secret = Secret) =>
        SHA1.HashData(Encoding.UTF8.GetBytes((salt ?? Salt) + "signer" + secret));

    public const string Header = """{"alg":"HS512","typ":"JWT"}""";

    /// <summary>A payload valid for <see cref="UserId"/> at <see cref="Now"/>.</summary>
    public static string Payload(string userId = "42", string iat = "1699999000", string exp = "1700000600") =>
        $$"""{"user_id":{{userId}},"iat":{{iat}},"exp":{{exp}}}""";

    public static bool Verify(string? token, KegAuthOptions? options = null) =>
        KegResetTokens.Verify(token, User, Salt, options ?? Options());
}
