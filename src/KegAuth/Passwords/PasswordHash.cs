namespace KegAuth;

/// <summary>
/// A stored password or token hash (keg-auth <c>KAPasswordType</c>). Immutable; compare a candidate
/// with <see cref="Verify"/>. <see cref="ToString"/> names the scheme only, never the hash.
/// </summary>
public sealed class PasswordHash : IEquatable<PasswordHash>
{
    private readonly IPasswordHashScheme _scheme;

    private PasswordHash(string hash, IPasswordHashScheme scheme)
    {
        Hash = hash;
        _scheme = scheme;
    }

    /// <summary>The stored form, e.g. <c>$2b$12$...</c>; what the database column holds.</summary>
    public string Hash { get; }

    /// <summary>
    /// Whether this is the fast token hash from <see cref="CreateForToken"/>. A token hash for which
    /// this is false is bcrypt (as Python keg-auth writes): after it verifies, store
    /// <see cref="CreateForToken"/> of the same token so later requests skip bcrypt.
    /// </summary>
    public bool IsFastTokenHash => ReferenceEquals(_scheme, FastTokenScheme.Instance);

    /// <summary>Hashes <paramref name="plain"/> with bcrypt (<c>$2b$</c>) at cost <paramref name="workFactor"/>.</summary>
    /// <param name="plain">
    /// The password. bcrypt reads only its first 72 UTF-8 bytes, exactly as passlib does: two passwords
    /// that agree on those bytes verify against each other's hashes, and hashes move both ways between
    /// KegAuth and Python keg-auth.
    /// </param>
    /// <param name="workFactor">
    /// The bcrypt cost, 4 to <see cref="KegAuthOptions.MaxPasswordWorkFactor"/> (16); each step doubles
    /// the time (12 takes about a third of a second). Higher costs are refused because
    /// <see cref="Verify"/> will not run them.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="plain"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="plain"/> has an unpaired surrogate, so it has no UTF-8 form.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workFactor"/> is outside 4 to 16.</exception>
    public static PasswordHash Create(string plain, int workFactor = KegAuthOptions.DefaultPasswordWorkFactor)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentOutOfRangeException.ThrowIfLessThan(workFactor, KegAuthOptionsValidation.MinWorkFactor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workFactor, KegAuthOptionsValidation.MaxWorkFactor);
        StrictUtf8.ThrowIfInvalid(plain, nameof(plain));
        return new PasswordHash(BcryptScheme.Instance.Create(plain, workFactor), BcryptScheme.Instance);
    }

    /// <summary>
    /// Hashes a raw API token with the fast salted SHA-256 scheme:
    /// <c>$keg-sha256$v1$&lt;salt&gt;$&lt;digest&gt;</c>, salt 16 random bytes, digest
    /// <c>SHA-256(salt || UTF-8(token))</c>, both in passlib's adapted base64 (standard alphabet,
    /// <c>.</c> for <c>+</c>, no padding). Verifying costs microseconds instead of a full bcrypt run.
    /// </summary>
    /// <remarks>
    /// Safe only for high-entropy random tokens, such as those from <c>GenerateRawAuthToken</c>: with
    /// 32 characters of a 50-character alphabet (about 180 bits) no amount of hashing speed makes
    /// guessing feasible, so bcrypt's slowness buys nothing. Never use this for passwords or any
    /// human-chosen secret: a stolen hash of one could be brute-forced at billions of guesses a second.
    /// Use <see cref="Create"/> for those. Python keg-auth cannot read this format.
    /// </remarks>
    /// <param name="rawToken">The random token the user presents.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rawToken"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="rawToken"/> is empty or has an unpaired surrogate.</exception>
    public static PasswordHash CreateForToken(string rawToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(rawToken);
        StrictUtf8.ThrowIfInvalid(rawToken, nameof(rawToken));
        return new PasswordHash(FastTokenScheme.Instance.Create(rawToken), FastTokenScheme.Instance);
    }

    /// <summary>Wraps a stored hash after checking its format.</summary>
    /// <param name="storedHash">
    /// A bcrypt (<c>$2a$</c>, <c>$2b$</c>, <c>$2y$</c>, cost 4 to 31) hash, a passlib <c>$pbkdf2-sha256$</c>
    /// hash (1 to 4,294,967,295 rounds, passlib's range), or a fast token hash from
    /// <see cref="CreateForToken"/>. Hashes that would cost too much to verify (see <see cref="Verify"/>)
    /// are accepted here, so that a row holding one loads, and simply never verify.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="storedHash"/> is null.</exception>
    /// <exception cref="FormatException">The value is not a hash in a supported format; the message does not repeat it.</exception>
    public static PasswordHash FromHash(string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        foreach (var scheme in PasswordHashSchemes.All)
        {
            if (scheme.IsWellFormed(storedHash))
            {
                return new PasswordHash(storedHash, scheme);
            }
        }

        throw new FormatException(
            $"The stored value is not a supported password hash ({PasswordHashSchemes.Describe()}); its length was {storedHash.Length}.");
    }

    /// <summary>
    /// Whether <paramref name="plain"/> matches this hash, in any supported scheme including the fast
    /// token hash (use <see cref="VerifyPassword"/> for passwords). Returns <see langword="false"/> for
    /// null or any bad input; never throws.
    /// </summary>
    /// <remarks>
    /// The work a stored hash may demand is capped, and a hash over the cap is refused before any
    /// hashing: a bcrypt cost above <see cref="KegAuthOptions.MaxPasswordWorkFactor"/> (16) or a
    /// pbkdf2-sha256 hash over 1,000,000 rounds returns <see langword="false"/> (and
    /// <see cref="NeedsRehash"/> is true). A tampered or mistaken row cannot make one login attempt
    /// cost seconds or days of CPU.
    /// </remarks>
    public bool Verify(string? plain)
    {
        if (plain is null)
        {
            return false;
        }

        try
        {
            return _scheme.Verify(plain, Hash);
        }
        catch (Exception)
        {
            // A verification method answers false on anything it cannot check.
            return false;
        }
    }

    /// <summary>
    /// Whether <paramref name="plain"/> matches this hash as a <em>password</em>: as <see cref="Verify"/>,
    /// but always <see langword="false"/> for the fast token hash (<see cref="IsFastTokenHash"/>). That
    /// hash is a single salted SHA-256, safe only for long random API tokens; a password column
    /// holding one (a mistaken assignment or a tampered row) would let a stolen hash be brute-forced at
    /// billions of guesses a second, so it is never accepted as a password. Never throws.
    /// </summary>
    /// <param name="plain">The password typed by the user.</param>
    /// <returns><see langword="true"/> when the password matches a bcrypt or pbkdf2-sha256 hash.</returns>
    public bool VerifyPassword(string? plain) => !IsFastTokenHash && Verify(plain);

    /// <summary>
    /// Whether this password hash should be replaced by a bcrypt hash at <paramref name="workFactor"/>:
    /// true for a bcrypt hash below that cost or above the verification cap (16), and for
    /// <c>$pbkdf2-sha256$</c>, which is never written anew. False for a fast token hash, which is not a
    /// password hash (see <see cref="IsFastTokenHash"/>).
    /// </summary>
    public bool NeedsRehash(int workFactor) => _scheme.NeedsRehash(Hash, workFactor);

    /// <inheritdoc/>
    public bool Equals(PasswordHash? other) => other is not null && string.Equals(Hash, other.Hash, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as PasswordHash);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Hash);

    /// <summary>Names the scheme only; the hash itself never appears in logs.</summary>
    public override string ToString() => $"PasswordHash({_scheme.Name})";
}
