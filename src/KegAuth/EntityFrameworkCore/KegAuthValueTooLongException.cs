using Microsoft.EntityFrameworkCore;

namespace KegAuth;

/// <summary>
/// Thrown by SaveChanges on a context configured with UseKegAuth when a value is longer than its
/// column's maximum length; nothing is sent to the database. The message names the entity, the
/// property and the limit, never the value (it may be a secret). A <see cref="DbUpdateException"/>,
/// so code that handles failed saves handles this too.
/// </summary>
public sealed class KegAuthValueTooLongException : DbUpdateException
{
    /// <summary>Creates the exception for one value.</summary>
    /// <param name="entityType">The entity type's display name.</param>
    /// <param name="propertyName">The property's name.</param>
    /// <param name="maxLength">The column's maximum length.</param>
    /// <param name="length">The value's length.</param>
    public KegAuthValueTooLongException(string entityType, string propertyName, int maxLength, int length)
        : base($"{entityType}.{propertyName} is {length} long; its column holds at most {maxLength}. Nothing was saved.")
    {
        EntityType = entityType;
        PropertyName = propertyName;
        MaxLength = maxLength;
        Length = length;
    }

    /// <summary>The entity type's display name.</summary>
    public string EntityType { get; }

    /// <summary>The property whose value is too long.</summary>
    public string PropertyName { get; }

    /// <summary>The column's maximum length (characters, or bytes for binary columns).</summary>
    public int MaxLength { get; }

    /// <summary>The value's length in the same unit.</summary>
    public int Length { get; }
}
