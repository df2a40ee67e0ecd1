using System.ComponentModel;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KegAuth.Infrastructure;

/// <summary>Stores <see cref="AttemptType"/> as keg-auth's strings <c>"login"</c>, <c>"forgot"</c>, <c>"reset"</c>.</summary>
/// <remarks>
/// Public because an EF Core compiled model (<c>dotnet ef dbcontext optimize</c>) names the converter
/// in its generated code; applied by UseKegAuth, not meant to be used directly.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class AttemptTypeConverter : ValueConverter<AttemptType, string>
{
    private AttemptTypeConverter()
        : base(value => ToStored(value), stored => FromStored(stored), new ConverterMappingHints(size: 20, unicode: false))
    {
    }

    /// <summary>The shared instance.</summary>
    public static AttemptTypeConverter Instance { get; } = new();

    /// <summary>The stored string of <paramref name="value"/>.</summary>
    /// <param name="value">The attempt type.</param>
    /// <returns><c>"login"</c>, <c>"forgot"</c> or <c>"reset"</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a defined attempt type.</exception>
    public static string ToStored(AttemptType value) => value switch
    {
        AttemptType.Login => "login",
        AttemptType.Forgot => "forgot",
        AttemptType.Reset => "reset",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not an attempt type."),
    };

    /// <summary>The attempt type a stored string names.</summary>
    /// <param name="stored">The column's text.</param>
    /// <returns>The attempt type.</returns>
    /// <exception cref="InvalidOperationException">The text is none of keg-auth's three.</exception>
    public static AttemptType FromStored(string stored) => stored switch
    {
        "login" => AttemptType.Login,
        "forgot" => AttemptType.Forgot,
        "reset" => AttemptType.Reset,
        _ => throw new InvalidOperationException($"The attempt_type column holds '{stored}'; KegAuth knows only 'login', 'forgot' and 'reset'."),
    };
}
