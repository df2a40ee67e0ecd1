using System.ComponentModel;
using KegAuth.Tokens;

namespace KegAuth.Infrastructure;

/// <summary>
/// keg-auth's password-reset tokens (<c>get_token_salt</c>, <c>get_token_signature</c>,
/// <c>token_generate</c>, <c>token_verify</c>), byte for byte, for the members generated on a
/// <see cref="KegUserAttribute"/> class. Exists for generated code; call the user's members instead.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KegResetTokens
{
    /// <summary>
    /// The token salt: Python's <c>json.dumps([loginId, "True"|"False", hash or "", last login])</c>,
    /// the last login as arrow's UTC <c>isoformat()</c> or <c>null</c>. Changing any of these
    /// voids every token issued before.
    /// </summary>
    /// <param name="loginId">The user's login id (keg-auth <c>display_value</c>).</param>
    /// <param name="isActive">Whether the user is active now.</param>
    /// <param name="password">The stored password hash, or <see langword="null"/> when none is set.</param>
    /// <param name="lastLoginUtc">The last login; <see cref="DateTimeKind.Unspecified"/> is taken as UTC, local time is converted.</param>
    /// <exception cref="ArgumentNullException"><paramref name="loginId"/> is null.</exception>
    public static string BuildSalt(string loginId, bool isActive, PasswordHash? password, DateTime? lastLoginUtc)
    {
        ArgumentNullException.ThrowIfNull(loginId);
        return TokenSalt.Build(loginId, isActive, password, lastLoginUtc);
    }

    /// <summary>The signing key: <c>SHA-512(UTF-8(salt + "signer" + options.SecretKey))</c>, 64 bytes.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="salt"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="KegAuthOptionsException"><see cref="KegAuthOptions.SecretKey"/> is empty, or short without <see cref="KegAuthOptions.AllowShortSecretKey"/>.</exception>
    public static byte[] GetSignature(string salt, KegAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(salt);
        RequireSecret(options);
        var key = new byte[TokenSigningKeys.KeySize];
        TokenSigningKeys.DeriveKey(salt, options.SecretKey, key);
        return key;
    }

    /// <summary>
    /// Issues an HS512 JWT, header <c>{"alg":"HS512","typ":"JWT"}</c>, payload <c>user_id</c>,
    /// <c>iat</c> (now, whole seconds, from <see cref="KegAuthOptions.TimeProvider"/>) and
    /// <c>exp</c> = <c>iat</c> + <see cref="KegAuthOptions.TokenLifetime"/> in whole seconds.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="salt"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="KegAuthOptionsException"><see cref="KegAuthOptions.SecretKey"/> is empty, or short without <see cref="KegAuthOptions.AllowShortSecretKey"/>.</exception>
    public static string Generate(KegTokenUserId userId, string salt, KegAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(salt);
        RequireSecret(options);
        return TokenWriter.Write(userId, salt, options.SecretKey, TokenClock.UnixNow(options), TokenClock.LifetimeSeconds(options));
    }

    /// <summary>
    /// Whether <paramref name="token"/> is a valid reset token for this user and salt now: HS512
    /// only, signature matching, <c>iat</c> and <c>exp</c> present, not expired (the <c>exp</c>
    /// second itself is valid; an <c>exp</c> after year 9999 is refused), <c>nbf</c> (if any) reached,
    /// <c>user_id</c> equal (an integer id only to a JSON integer, a string id only to a JSON string).
    /// Tokens over 8 KB are refused unread. With <see cref="KegAuthOptions.AllowLegacyTokens"/>
    /// the itsdangerous-era layout is accepted too. Never throws for any token: malformed input is
    /// <see langword="false"/>, as is every token when <see cref="KegAuthOptions.SecretKey"/> is empty,
    /// or shorter than <see cref="KegAuthOptions.MinSecretKeyLength"/> without <see cref="KegAuthOptions.AllowShortSecretKey"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="salt"/> or <paramref name="options"/> is null (a caller bug, not bad input).</exception>
    public static bool Verify(string? token, KegTokenUserId userId, string salt, KegAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(salt);
        ArgumentNullException.ThrowIfNull(options);
        return TokenVerifier.Verify(token, userId, salt, options);
    }

    /// <summary>
    /// An empty or short secret makes every key guessable from a token the attacker holds, so issuing
    /// refuses it, even when the options were never validated.
    /// </summary>
    private static void RequireSecret(KegAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (KegAuthOptionsValidation.SecretKeyError(options) is { } error)
        {
            throw new KegAuthOptionsException([error]);
        }
    }
}
