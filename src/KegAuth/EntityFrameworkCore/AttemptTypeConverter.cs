using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KegAuth.EntityFrameworkCore;

/// <summary>Stores <see cref="AttemptType"/> as keg-auth's strings <c>"login"</c>, <c>"forgot"</c>, <c>"reset"</c>.</summary>
internal sealed class AttemptTypeConverter : ValueConverter<AttemptType, string>
{
    private AttemptTypeConverter()
        : base(value => ToStored(value), stored => FromStored(stored), new ConverterMappingHints(size: 20, unicode: false))
    {
    }

    /// <summary>The shared instance.</summary>
    public static AttemptTypeConverter Instance { get; } = new();

    /// <summary>The stored string of <paramref name="value"/>.</summary>
    public static string ToStored(AttemptType value) => value switch
    {
        AttemptType.Login => "login",
        AttemptType.Forgot => "forgot",
        AttemptType.Reset => "reset",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not an attempt type."),
    };

    /// <summary>The attempt type a stored string names.</summary>
    public static AttemptType FromStored(string stored) => stored switch
    {
        "login" => AttemptType.Login,
        "forgot" => AttemptType.Forgot,
        "reset" => AttemptType.Reset,
        _ => throw new InvalidOperationException($"The attempt_type column holds '{stored}'; KegAuth knows only 'login', 'forgot' and 'reset'."),
    };
}
