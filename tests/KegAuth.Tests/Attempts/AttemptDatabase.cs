using KegAuth.Tests.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace KegAuth.Tests.Attempts;

/// <summary>A generated attempt entity.</summary>
[KegAttempt]
public partial class Attempt
{
    public int Id { get; set; }
}

/// <summary>The attempts table, mapped by KegAuth alone.</summary>
public sealed class AttemptContext(DbContextOptions<AttemptContext> options) : DbContext(options)
{
    public DbSet<Attempt> Attempts => Set<Attempt>();
}

/// <summary>A fresh SQLite file with the attempts table and a fake clock.</summary>
public sealed class AttemptDatabase : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public AttemptDatabase()
    {
        Options = TestClock.Options(Clock);
        using var context = _database.CreateSchema<AttemptContext>(Options);
    }

    public FakeTimeProvider Clock { get; } = TestClock.Create();

    public KegAuthOptions Options { get; }

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>A new context with an empty change tracker.</summary>
    public AttemptContext NewContext() => _database.CreateContext<AttemptContext>(Options);

    /// <summary>Saves an attempt made <paramref name="ago"/> before now.</summary>
    public Attempt Add(string userInput, AttemptType? type, TimeSpan ago, bool success = false, bool duringLockout = false, string? sourceIp = null)
    {
        using var context = NewContext();
        var attempt = new Attempt
        {
            UserInput = userInput,
            AttemptType = type,
            DatetimeUtc = Now - ago,
            Success = success,
            IsDuringLockout = duringLockout,
            SourceIp = sourceIp,
        };
        context.Add(attempt);
        context.SaveChanges();
        return attempt;
    }

    /// <summary>The ids left in the table.</summary>
    public int[] RemainingIds()
    {
        using var context = NewContext();
        return [.. context.Attempts.Select(a => a.Id).OrderBy(id => id)];
    }

    public void Dispose() => _database.Dispose();
}
