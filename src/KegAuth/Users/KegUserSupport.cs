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

    /// <summary>bcrypt reads only this many UTF-8 bytes of a password.</summary>
    public const int BcryptMaxPasswordBytes = 72;

    /// <summary>
    /// Hashes a new password with bcrypt at the options' work factor. Only the first 72 UTF-8 bytes
    /// count, as in keg-auth; with <see cref="KegAuthOptions.RejectPasswordsOverBcryptLimit"/> a
    /// longer password is refused instead.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="plain"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The password has an unpaired surrogate, or is over 72 UTF-8 bytes and the options refuse that.</exception>
    public static PasswordHash HashPassword(string plain, KegAuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(plain);
        ArgumentNullException.ThrowIfNull(options);
        if (options.RejectPasswordsOverBcryptLimit)
        {
            StrictUtf8.ThrowIfInvalid(plain, nameof(plain));
            if (StrictUtf8.Encoding.GetByteCount(plain) > BcryptMaxPasswordBytes)
            {
                throw new ArgumentException(
                    $"The password is longer than bcrypt's limit of {BcryptMaxPasswordBytes} UTF-8 bytes; choose a shorter one.", nameof(plain));
            }
        }

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
