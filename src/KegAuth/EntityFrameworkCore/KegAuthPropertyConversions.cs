using KegAuth.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace KegAuth.EntityFrameworkCore;

/// <summary>A converter KegAuth puts on a named property of entity types implementing an interface.</summary>
/// <param name="EntityInterface">The KegAuth interface the entity type implements, e.g. <see cref="IKegUser"/>.</param>
/// <param name="PropertyName">The property's name.</param>
/// <param name="Converter">The converter to apply.</param>
internal sealed record KegAuthPropertyConversion(Type EntityInterface, string PropertyName, ValueConverter Converter);

/// <summary>Every per-kind property conversion; later entity kinds add their rows here.</summary>
internal static class KegAuthPropertyConversions
{
    /// <summary>The table.</summary>
    public static readonly IReadOnlyList<KegAuthPropertyConversion> All =
    [
        new(typeof(IKegUser), nameof(IKegUser.LastLoginUtc), UtcDateTimeConverter.Instance),
        new(typeof(IKegUser), nameof(IKegUser.DisabledUtc), UtcDateTimeConverter.Instance),
        new(typeof(IKegUserEmail), nameof(IKegUserEmail.Email), LowercaseStringConverter.Instance),
        new(typeof(IKegAttempt), nameof(IKegAttempt.DatetimeUtc), UtcDateTimeConverter.Instance),
        new(typeof(IKegAttempt), nameof(IKegAttempt.AttemptType), AttemptTypeConverter.Instance),
        new(typeof(KegPasskey), nameof(KegPasskey.CreatedUtc), UtcDateTimeConverter.Instance),
        new(typeof(KegPasskey), nameof(KegPasskey.LastUsedUtc), UtcDateTimeConverter.Instance),
    ];
}
