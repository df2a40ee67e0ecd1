namespace KegAuth;

/// <summary>The stored-hash formats <see cref="PasswordHash.FromHash"/> recognises, in lookup order.</summary>
internal static class PasswordHashSchemes
{
    /// <summary>Every supported scheme; their prefixes do not overlap, so the order only saves work.</summary>
    public static readonly IPasswordHashScheme[] All = [BcryptScheme.Instance, Pbkdf2Sha256Scheme.Instance, FastTokenScheme.Instance];

    /// <summary>The scheme names, for error messages.</summary>
    public static string Describe() => string.Join(", ", All.Select(s => s.Name));
}
