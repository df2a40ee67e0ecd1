using KegAuth.Tests.EntityFrameworkCore;

namespace KegAuth.Tests.Attempts;

/// <summary>Attempt rows at given ages, and what is left after a purge.</summary>
public static class AttemptDatabaseExtensions
{
    /// <summary>Saves an attempt made <paramref name="ago"/> before the fake clock's now.</summary>
    public static Attempt Add(this KegDatabase<AttemptContext> db, string userInput, AttemptType? type, TimeSpan ago, bool success = false, bool duringLockout = false, string? sourceIp = null) =>
        db.Save(new Attempt
        {
            UserInput = userInput,
            AttemptType = type,
            DatetimeUtc = db.Now - ago,
            Success = success,
            IsDuringLockout = duringLockout,
            SourceIp = sourceIp,
        });

    /// <summary>The ids left in the table, in order.</summary>
    public static int[] RemainingIds(this KegDatabase<AttemptContext> db)
    {
        using var context = db.NewContext();
        return [.. context.Attempts.Select(a => a.Id).OrderBy(id => id)];
    }
}
