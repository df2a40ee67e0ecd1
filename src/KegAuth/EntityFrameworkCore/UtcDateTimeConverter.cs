using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KegAuth;

/// <summary>
/// Stores <see cref="DateTime"/> values as UTC and reads them back with <see cref="DateTimeKind.Utc"/>:
/// a <see cref="DateTimeKind.Local"/> value is converted to UTC, an <see cref="DateTimeKind.Unspecified"/>
/// one is taken to be UTC already. KegAuth applies it to its UTC columns; use it on your own if you like.
/// </summary>
public sealed class UtcDateTimeConverter : ValueConverter<DateTime, DateTime>
{
    /// <summary>Creates the converter.</summary>
    public UtcDateTimeConverter()
        : base(
            value => value.Kind == DateTimeKind.Utc
                ? value
                : value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : DateTime.SpecifyKind(value, DateTimeKind.Utc),
            // Providers such as SQLite return Unspecified; the stored value is UTC.
            value => DateTime.SpecifyKind(value, DateTimeKind.Utc))
    {
    }

    /// <summary>A shared instance; the converter holds no state.</summary>
    public static UtcDateTimeConverter Instance { get; } = new();
}
