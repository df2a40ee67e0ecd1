using System.Globalization;
using System.Text;

namespace KegAuth.Tokens;

/// <summary>
/// keg-auth's <c>get_token_salt</c>: <c>json.dumps([login id, str(is_active), hash or "", last login])</c>.
/// Every field is in the signing key, so changing any of them voids tokens issued before.
/// </summary>
internal static class TokenSalt
{
    /// <summary>Python's list separator in <c>json.dumps</c> without <c>separators=</c>.</summary>
    private const string Separator = ", ";

    /// <summary>Builds the salt text byte for byte as keg-auth does.</summary>
    public static string Build(string loginId, bool isActive, PasswordHash? password, DateTime? lastLoginUtc)
    {
        // Stryker disable once NullCoalescing : only the builder's first capacity
        var builder = new StringBuilder(loginId.Length + (password?.Hash.Length ?? 0) + 64);
        builder.Append('[');
        PythonJson.AppendString(builder, loginId);
        builder.Append(Separator);
        builder.Append(isActive ? "\"True\"" : "\"False\"");
        builder.Append(Separator);
        PythonJson.AppendString(builder, password?.Hash ?? string.Empty);
        builder.Append(Separator);
        if (lastLoginUtc is { } lastLogin)
        {
            // The ISO text is plain ASCII, so it needs no escaping.
            builder.Append('"');
            AppendArrowIsoFormat(builder, lastLogin);
            builder.Append('"');
        }
        else
        {
            builder.Append("null");
        }

        builder.Append(']');
        return builder.ToString();
    }

    /// <summary>
    /// Appends arrow's <c>isoformat()</c> of the time in UTC: <c>2025-03-04T05:06:07+00:00</c>, with
    /// <c>.ffffff</c> only when the microseconds are not zero (Python's datetime rule).
    /// </summary>
    public static void AppendArrowIsoFormat(StringBuilder builder, DateTime value)
    {
        // Entity values often come back from the database as Unspecified; they are stored as UTC.
        var utc = value.Kind switch
        {
            DateTimeKind.Local => value.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(value, DateTimeKind.Utc),
            _ => value,
        };

        builder.Append(utc.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture));

        // Python keeps microseconds; .NET ticks are 100 ns, so the last digit is dropped, not rounded.
        var microseconds = utc.Ticks % TimeSpan.TicksPerSecond / 10;
        if (microseconds != 0)
        {
            builder.Append('.').Append(microseconds.ToString("D6", CultureInfo.InvariantCulture));
        }

        builder.Append("+00:00");
    }
}
