using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KegAuth.EntityFrameworkCore;

/// <summary>Stores a <see cref="PasswordHash"/> as its <see cref="PasswordHash.Hash"/> string (keg-auth <c>KAPasswordType</c>).</summary>
internal sealed class PasswordHashConverter : ValueConverter<PasswordHash, string>
{
    private PasswordHashConverter()
        : base(hash => hash.Hash, stored => PasswordHash.FromHash(stored))
    {
    }

    /// <summary>The shared instance.</summary>
    public static PasswordHashConverter Instance { get; } = new();
}
