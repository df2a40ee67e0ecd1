using System.ComponentModel;

namespace KegAuth.Infrastructure;

/// <summary>
/// Entity-independent pieces of the generated <c>[KegUser]</c> members. Called by generated code;
/// not meant to be called directly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KegUserSupport
{
    /// <summary>A new random session key: a lowercase UUID v4, 36 characters, as keg-auth's <c>str(uuid.uuid4())</c>.</summary>
    public static string NewSessionKey() => Guid.NewGuid().ToString("D");

    /// <summary>
    /// The stored form of an email address: lowercased with invariant culture, so that uniqueness and
    /// lookups ignore case.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="email"/> is null.</exception>
    public static string NormalizeEmail(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.ToLowerInvariant();
    }

    /// <summary>Hashes a new password with bcrypt at the options' work factor.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="plain"/> or <paramref name="options"/> is null.</exception>
    public static PasswordHash HashPassword(string plain, KegAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PasswordHash.Create(plain, options.PasswordWorkFactor);
    }

    /// <summary>The current UTC time by the options' clock.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public static DateTime UtcNow(KegAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UtcNow;
    }
}
