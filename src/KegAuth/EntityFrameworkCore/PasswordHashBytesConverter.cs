using System.Text;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Stores a <see cref="PasswordHash"/> as the UTF-8 bytes of its text: keg-auth's KAPasswordType
/// (sqlalchemy-utils PasswordType) is BLOB on SQLite and bytea on PostgreSQL.
/// </summary>
internal sealed class PasswordHashBytesConverter : ValueConverter<PasswordHash, byte[]>
{
    private PasswordHashBytesConverter()
        : base(hash => Encoding.UTF8.GetBytes(hash.Hash), stored => PasswordHash.FromHash(Encoding.UTF8.GetString(stored)))
    {
    }

    /// <summary>The shared instance.</summary>
    public static PasswordHashBytesConverter Instance { get; } = new();
}
