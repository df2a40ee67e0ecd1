using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.AspNetCore.SignIn;

/// <summary>
/// The password step's attempt row of a two-step sign-in. It is stored unsuccessful (a right password
/// alone must not restart the user's failure count); once the code step completes, it is marked
/// successful, so the per-address counter, which never restarts and skips successful logins, does not
/// count every completed two-step sign-in as a failure (an office behind one address would lock out).
/// </summary>
internal static class KegPendingAttempts
{
    /// <summary>The saved attempt's single key as invariant text, or <see langword="null"/>.</summary>
    public static string? KeyOf<TAttempt>(DbContext db, TAttempt attempt)
        where TAttempt : class, IKegAttempt
        => KeyProperty<TAttempt>(db) is { } key ? Convert.ToString(db.Entry(attempt).Property(key.Name).CurrentValue, CultureInfo.InvariantCulture) : null;

    /// <summary>Marks the password step's attempt successful, if it is still that user's unfinished login (save afterwards).</summary>
    public static async Task MarkSucceededAsync<TAttempt>(DbContext db, string attemptKey, string loginId, CancellationToken cancellationToken)
        where TAttempt : class, IKegAttempt
    {
        if (string.IsNullOrEmpty(attemptKey) || KeyProperty<TAttempt>(db) is not { } key || Parse(attemptKey, Nullable.GetUnderlyingType(key.ClrType) ?? key.ClrType) is not { } value)
        {
            return;
        }

        var attempt = await db.Set<TAttempt>().FindAsync([value], cancellationToken).ConfigureAwait(false);
        if (attempt is { AttemptType: AttemptType.Login, Success: false } && string.Equals(attempt.UserInput, loginId, StringComparison.Ordinal))
        {
            attempt.Success = true;
        }
    }

    private static Microsoft.EntityFrameworkCore.Metadata.IProperty? KeyProperty<TAttempt>(DbContext db)
        => db.Model.FindEntityType(typeof(TAttempt))?.FindPrimaryKey()?.Properties is [var single] ? single : null;

    private static object? Parse(string text, Type type)
    {
        try
        {
            return type == typeof(Guid) ? Guid.Parse(text, CultureInfo.InvariantCulture) : Convert.ChangeType(text, type, CultureInfo.InvariantCulture);
        }
        catch (Exception exception) when (exception is FormatException or InvalidCastException or OverflowException)
        {
            return null;
        }
    }
}
