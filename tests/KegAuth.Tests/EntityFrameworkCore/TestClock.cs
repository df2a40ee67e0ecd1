using Microsoft.Extensions.Time.Testing;

namespace KegAuth.Tests.EntityFrameworkCore;

/// <summary>Clocks and options for EF tests.</summary>
public static class TestClock
{
    /// <summary>Far from the real clock, so a query that used the system time would give other answers.</summary>
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A fake clock at <see cref="Start"/>.</summary>
    public static FakeTimeProvider Create() => new(Start);

    /// <summary>Valid options on <paramref name="clock"/>.</summary>
    public static KegAuthOptions Options(TimeProvider clock) => new() { SecretKey = "test-secret-key-of-at-least-32-characters", TimeProvider = clock };
}
