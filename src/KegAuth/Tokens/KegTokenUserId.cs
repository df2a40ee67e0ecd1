using System.ComponentModel;
using System.Globalization;

namespace KegAuth.Infrastructure;

/// <summary>
/// The <c>user_id</c> claim of a reset token: a JSON integer for <see cref="int"/> and
/// <see cref="long"/> keys, a JSON string otherwise (e.g. a <see cref="Guid"/> key's text). The
/// kinds never match each other, so the integer 123 and the string "123" are different users.
/// <see langword="default"/> is the integer 0. Exists for generated code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct KegTokenUserId : IEquatable<KegTokenUserId>
{
    private readonly long _integer;
    private readonly string? _text;

    private KegTokenUserId(long integer, string? text)
    {
        _integer = integer;
        _text = text;
    }

    /// <summary>Whether the id is written as a JSON string (otherwise as a JSON integer).</summary>
    public bool IsString => _text is not null;

    /// <summary>The integer id; meaningful only when <see cref="IsString"/> is <see langword="false"/>.</summary>
    internal long Integer => _integer;

    /// <summary>The string id; <see langword="null"/> for an integer id.</summary>
    internal string? Text => _text;

    /// <summary>An id written as a JSON integer.</summary>
    public static KegTokenUserId FromInt64(long id) => new(id, null);

    /// <summary>An id written as a JSON string, compared ordinally.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is null.</exception>
    public static KegTokenUserId FromString(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new(0, id);
    }

    /// <summary>Whether both ids are of the same kind and value (strings compared ordinally).</summary>
    public static bool operator ==(KegTokenUserId left, KegTokenUserId right) => left.Equals(right);

    /// <summary>Whether the ids differ in kind or value.</summary>
    public static bool operator !=(KegTokenUserId left, KegTokenUserId right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(KegTokenUserId other) =>
        _text is null
            ? other._text is null && _integer == other._integer
            : string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is KegTokenUserId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() =>
        // Stryker disable once Conditional : a weaker hash (every text id equal) is still a correct one
        _text is null ? _integer.GetHashCode() : StringComparer.Ordinal.GetHashCode(_text);

    /// <summary>The id as it appears in the claim: digits, or the string in double quotes.</summary>
    public override string ToString() =>
        _text is null ? _integer.ToString(CultureInfo.InvariantCulture) : "\"" + _text + "\"";
}
