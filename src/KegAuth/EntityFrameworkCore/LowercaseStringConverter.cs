using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Lowercases on the way to the database. EF applies a property's converter to the constants and
/// parameters compared with it, so <c>Where(u =&gt; u.Email == "Foo@BAR.com")</c> matches "foo@bar.com".
/// </summary>
internal sealed class LowercaseStringConverter : ValueConverter<string, string>
{
    private LowercaseStringConverter()
        : base(value => value.ToLowerInvariant(), stored => stored)
    {
    }

    /// <summary>The shared instance.</summary>
    public static LowercaseStringConverter Instance { get; } = new();
}
