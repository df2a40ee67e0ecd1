using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Part of <see cref="KegAuthSaveRules"/>: before SaveChanges writes, refuses a string longer than its
/// column's maximum length on an added or modified KegAuth entity, naming entity, property and limit
/// (never the value). SQLite would store it silently and PostgreSQL would fail with a message naming
/// neither. The application's own entities are not checked: what reaches the database there is its call.
/// </summary>
internal static class ColumnLengthCheck
{
    /// <summary>Checks one entry with its changes already detected.</summary>
    /// <exception cref="KegAuthValueTooLongException">A value is longer than its column.</exception>
    public static void Check(EntityEntry entry)
    {
        if (entry.State is not (EntityState.Added or EntityState.Modified))
        {
            return;
        }

        foreach (var property in entry.Properties)
        {
            var metadata = property.Metadata;
            if (metadata.GetMaxLength() is not { } maxLength
                || (entry.State == EntityState.Modified && !property.IsModified))
            {
                continue;
            }

            var value = property.CurrentValue;
            if (value is not null && metadata.GetTypeMapping().Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }

            var length = value switch
            {
                string text => text.Length,
                byte[] bytes => bytes.Length,
                _ => 0,
            };
            if (length > maxLength)
            {
                throw new KegAuthValueTooLongException(entry.Metadata.DisplayName(), metadata.Name, maxLength, length);
            }
        }
    }
}
