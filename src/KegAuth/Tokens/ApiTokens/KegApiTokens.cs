using System.ComponentModel;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.Infrastructure;

/// <summary>
/// Entity-independent pieces of the generated <c>[KegUserToken]</c> members: raw token generation,
/// hashing, the API token layout and the lookup. Called by generated code; not meant to be called directly.
/// </summary>
/// <remarks>
/// New token hashes use <see cref="PasswordHash.CreateForToken"/>, a salted SHA-256 that verifies in
/// microseconds: a raw token is a long random string, so guessing it is hopeless however fast the
/// hash, and bcrypt's deliberate slowness would only cost every API request a third of a second of
/// CPU. bcrypt token hashes written by Python keg-auth still verify, and are replaced by the fast
/// hash on their first successful check.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KegApiTokens
{
    /// <summary>
    /// The least entropy an API token may carry: 64 bits. Tokens are stored with a fast hash and
    /// checked without a lockout of their own, so their length is all that stands between an attacker
    /// and a guess; 64 bits is 16 <c>hex</c>, 12 <c>ascii_50</c> or 11 <c>ascii_62</c>/<c>ascii_72</c>
    /// characters. The default (32 <c>ascii_50</c> characters) is about 180 bits.
    /// </summary>
    public const int MinEntropyBits = 64;

    /// <summary>
    /// A random raw token with passlib <c>genword</c> semantics: the length is
    /// <c>max(length, ceil(entropyBits / log2(charset size)))</c>. Unlike passlib, a token under
    /// <see cref="MinEntropyBits"/> (64 bits) is refused.
    /// </summary>
    /// <param name="length">The minimum length.</param>
    /// <param name="entropyBits">The minimum entropy in bits (see <see cref="KegEntropy"/>).</param>
    /// <param name="charset"><c>ascii_72</c>, <c>ascii_62</c>, <c>ascii_50</c> or <c>hex</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="charset"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// The charset is unknown, a value is negative, or the two ask for a token under 64 bits of
    /// entropy (the message names <c>length</c> and <c>entropyBits</c>).
    /// </exception>
    public static string GenerateRaw(int? length, int? entropyBits, string charset)
    {
        var count = Genword.Length(length, entropyBits, charset);
        var bits = Genword.EntropyBits(count, charset);
        if (bits < MinEntropyBits)
        {
            // The message names both, since raising either fixes it; ParamName follows Genword's convention.
            throw new ArgumentException(
                $"The length and entropyBits ask for a {count}-character {charset} token of about {(int)bits} bits; an API token needs at least {MinEntropyBits} bits. "
                + $"Raise length or entropyBits, or keep the defaults (32 characters, about 180 bits).",
                length is null ? nameof(entropyBits) : nameof(length));
        }

        return Genword.Generate(count, null, charset);
    }

    /// <summary>The fast hash stored for a raw token (<see cref="PasswordHash.CreateForToken"/>).</summary>
    /// <exception cref="ArgumentException"><paramref name="rawToken"/> is null or empty.</exception>
    public static PasswordHash Hash(string rawToken) => PasswordHash.CreateForToken(rawToken);

    /// <summary>Whether <paramref name="token"/> matches <paramref name="stored"/>. False on null or any bad input; never throws.</summary>
    public static bool Verify(PasswordHash? stored, string? token) => stored is not null && !string.IsNullOrEmpty(token) && stored.Verify(token);

    /// <summary>The API token a user presents: padded urlsafe base64 of the login id, a dot, the raw token.</summary>
    /// <exception cref="ArgumentException">The login id or raw token is empty, or the raw token holds a dot.</exception>
    public static string Format(string loginId, string rawToken) => ApiTokenFormat.Format(loginId, rawToken);

    /// <summary>
    /// Splits an API token into login id and raw token. False, never an exception, for null, empty,
    /// a token over 4,096 characters, no dot or more than one, an empty part, a first part that is not
    /// padded urlsafe base64 of UTF-8, or a login id holding a NUL character.
    /// </summary>
    /// <param name="apiToken">The API token presented.</param>
    /// <param name="loginId">The login id it names; empty when false.</param>
    /// <param name="rawToken">The raw token after the dot; empty when false.</param>
    /// <returns>Whether the token is well formed.</returns>
    public static bool TryParse(string? apiToken, out string loginId, out string rawToken) => ApiTokenFormat.TryParse(apiToken, out loginId, out rawToken);

    /// <summary>The user whose login id is <paramref name="loginId"/> (one query on the unique login-id column), or <see langword="null"/>.</summary>
    /// <typeparam name="TUser">The user type.</typeparam>
    /// <param name="users">The users to search, an EF Core query such as <c>db.Users</c>.</param>
    /// <param name="loginId">A login id from <see cref="TryParse"/>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="OperationCanceledException">The query was cancelled.</exception>
    public static Task<TUser?> FindByLoginIdAsync<TUser>(IQueryable<TUser> users, string loginId, CancellationToken cancellationToken = default)
        where TUser : class, IKegUser<TUser>, IKegUserToken
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(loginId);
        return users.FirstOrDefaultAsync(TUser.LoginIdEquals(loginId), cancellationToken);
    }

    /// <summary>
    /// Replaces a bcrypt token hash that just verified with the fast hash of the same raw token, in one
    /// conditional update: <c>UPDATE ... SET token = @fast WHERE key = @key AND token = @verified</c>.
    /// A revocation or rotation saved since the user was read wins (no row matches and nothing is
    /// written); no other column is touched, so the session key stays.
    /// </summary>
    /// <typeparam name="TUser">The user type.</typeparam>
    /// <param name="users">The users' set or a query on it, e.g. <c>db.Users</c> (its entity type gives the key).</param>
    /// <param name="user">The user read from <paramref name="users"/>.</param>
    /// <param name="verifiedHash">The stored hash <paramref name="rawToken"/> was verified against.</param>
    /// <param name="rawToken">The raw token that verified.</param>
    /// <param name="cancellationToken">Cancels the update.</param>
    /// <returns>
    /// Whether the fast hash was written. False when the row no longer holds <paramref name="verifiedHash"/>,
    /// when <paramref name="verifiedHash"/> is already the fast hash, or when the query's entity type has no
    /// single mapped key property. The tracked <paramref name="user"/> is left as it was read, so saving its
    /// context later cannot write a token over a newer one.
    /// </returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="rawToken"/> is empty or has an unpaired surrogate.</exception>
    /// <exception cref="OperationCanceledException">The update was cancelled.</exception>
    public static Task<bool> UpgradeHashAsync<TUser>(IQueryable<TUser> users, TUser user, PasswordHash verifiedHash, string rawToken, CancellationToken cancellationToken = default)
        where TUser : class, IKegUser<TUser>, IKegUserToken
        => ApiTokenHashUpgrade.WriteAsync(users, user, verifiedHash, rawToken, cancellationToken);

    /// <summary>
    /// Finds the user an API token belongs to with one query on the login-id column, then one hash
    /// check. Returns <see langword="null"/> for a malformed token (see <see cref="TryParse"/>), an unknown
    /// user, a user without a token hash or a wrong token. When the stored hash is bcrypt (written by
    /// Python keg-auth) and verifies, the fast hash is written at once by <see cref="UpgradeHashAsync"/>,
    /// conditional on the row still holding the bcrypt hash; there is nothing to save, and the returned
    /// user's <c>Token</c> stays the hash it was read with.
    /// </summary>
    /// <typeparam name="TUser">The user type.</typeparam>
    /// <param name="users">The users to search, e.g. <c>db.Users</c>; must be an EF Core query on the users' set.</param>
    /// <param name="apiToken">The API token presented.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentNullException"><paramref name="users"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The query was cancelled.</exception>
    /// <remarks>
    /// Bad input never throws; a failing database does, so an outage is not mistaken for a wrong token.
    /// Nothing here limits failures or bcrypt work: an application that answers API tokens from the
    /// network should use KegAuth.AspNetCore's API-token scheme, which does.
    /// </remarks>
    public static async Task<TUser?> FindUserAsync<TUser>(IQueryable<TUser> users, string? apiToken, CancellationToken cancellationToken = default)
        where TUser : class, IKegUser<TUser>, IKegUserToken
    {
        ArgumentNullException.ThrowIfNull(users);
        if (!ApiTokenFormat.TryParse(apiToken, out var loginId, out var rawToken))
        {
            return null;
        }

        var user = await FindByLoginIdAsync(users, loginId, cancellationToken).ConfigureAwait(false);
        var stored = user?.Token;
        if (stored is null || !stored.Verify(rawToken))
        {
            return null;
        }

        if (!stored.IsFastTokenHash)
        {
            await ApiTokenHashUpgrade.WriteAsync(users, user!, stored, rawToken, cancellationToken).ConfigureAwait(false);
        }

        return user;
    }
}
