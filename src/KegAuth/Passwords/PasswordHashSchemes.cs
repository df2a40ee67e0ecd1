namespace KegAuth;

/// <summary>The stored-hash formats <see cref="PasswordHash.FromHash"/> recognises, in lookup order.</summary>
internal static class PasswordHashSchemes
{
    /// <summary>Every supported scheme.</summary>
    public static readonly IPasswordHashScheme[] All = [BcryptScheme.Instance];

    /// <summary>The scheme names, for error messages.</summary>
    public static string Describe() => string.Join(", ", All.Select(s => s.Name));
}
