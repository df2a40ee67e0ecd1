using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Stores a UTC <see cref="DateTime"/> without its kind and reads it back as UTC: keg-auth's
/// ArrowType is <c>timestamp without time zone</c> on PostgreSQL, holding UTC wall-clock time, and
/// Npgsql writes only kind-less values there.
/// </summary>
internal sealed class NaiveUtcDateTimeConverter : ValueConverter<DateTime, DateTime>
{
    private NaiveUtcDateTimeConverter()
        : base(
            value => DateTime.SpecifyKind(value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value, DateTimeKind.Unspecified),
            stored => DateTime.SpecifyKind(stored, DateTimeKind.Utc))
    {
    }

    /// <summary>The shared instance.</summary>
    public static NaiveUtcDateTimeConverter Instance { get; } = new();
}
