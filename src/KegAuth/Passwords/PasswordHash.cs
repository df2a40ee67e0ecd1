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

    /// <summary>Hashes <paramref name="plain"/> with bcrypt at cost <paramref name="workFactor"/>.</summary>
    /// <param name="plain">The password. bcrypt reads only its first 72 UTF-8 bytes, as passlib does.</param>
    /// <param name="workFactor">The bcrypt cost, 4 to 31.</param>
    /// <exception cref="ArgumentNullException"><paramref name="plain"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workFactor"/> is outside 4 to 31.</exception>
    public static PasswordHash Create(string plain, int workFactor = KegAuthOptions.DefaultPasswordWorkFactor)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentOutOfRangeException.ThrowIfLessThan(workFactor, KegAuthOptionsValidation.MinWorkFactor);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(workFactor, KegAuthOptionsValidation.MaxWorkFactor);
        return new PasswordHash(BcryptScheme.Instance.Create(plain, workFactor), BcryptScheme.Instance);
    }

    /// <summary>Wraps a stored hash after checking its format.</summary>
    /// <param name="storedHash">
    /// A bcrypt (<c>$2a$</c>, <c>$2b$</c>, <c>$2y$</c>) hash or a passlib <c>$pbkdf2-sha256$</c> hash (at most
    /// 10,000,000 rounds).
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

    /// <summary>Whether <paramref name="plain"/> matches this hash. Returns <see langword="false"/> for null or any bad input; never throws.</summary>
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
    /// Whether this hash should be replaced by a new one at <paramref name="workFactor"/>: true for a
    /// bcrypt hash below that cost and for schemes no longer used for new hashes.
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
