using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Stores a UTC <see cref="DateTime"/> as SQLAlchemy's SQLite text, <c>yyyy-MM-dd HH:mm:ss.ffffff</c>:
/// keg-auth reads it back, and because every value has the same shape, SQLite's text comparisons
/// order Python-written and .NET-written rows alike.
/// </summary>
internal sealed class SqlAlchemySqliteDateTimeConverter : ValueConverter<DateTime, string>
{
    private const string Format = "yyyy-MM-dd HH:mm:ss.ffffff";

    // What SQLAlchemy writes, plus the shorter forms other SQLite writers leave behind.
    private static readonly string[] ReadFormats =
        [Format, "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd"];

    private SqlAlchemySqliteDateTimeConverter()
        : base(value => ToStored(value), stored => FromStored(stored))
    {
    }

    /// <summary>The shared instance.</summary>
    public static SqlAlchemySqliteDateTimeConverter Instance { get; } = new();

    /// <summary>The stored text of <paramref name="value"/>; Local values are converted, Unspecified ones taken as UTC.</summary>
    public static string ToStored(DateTime value)
        => (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The UTC time a stored text names.</summary>
    public static DateTime FromStored(string stored)
        => DateTime.ParseExact(stored, ReadFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
