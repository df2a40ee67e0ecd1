using System.Globalization;
using System.ComponentModel;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KegAuth.Infrastructure;

/// <summary>
/// Stores a UTC <see cref="DateTime"/> as SQLAlchemy's SQLite text, <c>yyyy-MM-dd HH:mm:ss.ffffff</c>:
/// keg-auth reads it back, and because every value has the same shape, SQLite's text comparisons
/// order Python-written and .NET-written rows alike.
/// </summary>
/// <remarks>
/// Public because an EF Core compiled model (<c>dotnet ef dbcontext optimize</c>) names the converter
/// in its generated code; applied by UseKegAuth, not meant to be used directly.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class SqlAlchemySqliteDateTimeConverter : ValueConverter<DateTime, string>
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
    /// <param name="value">The time.</param>
    /// <returns>The text in SQLAlchemy's format.</returns>
    public static string ToStored(DateTime value)
        => (value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value).ToString(Format, CultureInfo.InvariantCulture);

    /// <summary>The UTC time a stored text names.</summary>
    /// <param name="stored">The column's text.</param>
    /// <returns>The time, as UTC.</returns>
    /// <exception cref="FormatException">The text is in none of the known formats.</exception>
    public static DateTime FromStored(string stored)
        => DateTime.ParseExact(stored, ReadFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
