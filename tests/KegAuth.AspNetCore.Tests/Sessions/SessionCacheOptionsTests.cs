using KegAuth.AspNetCore.Sessions;
using Xunit;

namespace KegAuth.AspNetCore.Tests.Sessions;

/// <summary>The session cache's settings at their documented bounds: the ends are accepted, one step past them is refused by name.</summary>
public sealed class SessionCacheOptionsTests
{
    private static readonly KegSessionCacheOptionsValidation Validation = new();

    [Theory]
    [InlineData(1)]
    [InlineData(10_000_000)]
    public void A_size_limit_at_either_end_is_accepted(int sizeLimit)
        => Assert.True(Validation.Validate(null, new KegSessionCacheOptions { SizeLimit = sizeLimit }).Succeeded);

    [Theory]
    [InlineData(0)]
    [InlineData(10_000_001)]
    [InlineData(int.MinValue)]
    public void A_size_limit_past_either_end_is_refused_by_name(int sizeLimit)
    {
        var result = Validation.Validate(null, new KegSessionCacheOptions { SizeLimit = sizeLimit });

        Assert.True(result.Failed);
        Assert.Contains("KegSessionCacheOptions.SizeLimit", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(10 * TimeSpan.TicksPerMillisecond)]
    [InlineData(TimeSpan.TicksPerHour)]
    public void A_heartbeat_at_either_end_is_accepted(long ticks)
        => Assert.True(Validation.Validate(null, new KegSessionCacheOptions { FeedHeartbeat = TimeSpan.FromTicks(ticks) }).Succeeded);

    [Theory]
    [InlineData(10 * TimeSpan.TicksPerMillisecond - 1)]
    [InlineData(TimeSpan.TicksPerHour + 1)]
    [InlineData(-TimeSpan.TicksPerSecond)]
    public void A_heartbeat_past_either_end_is_refused_by_name(long ticks)
    {
        var result = Validation.Validate(null, new KegSessionCacheOptions { FeedHeartbeat = TimeSpan.FromTicks(ticks) });

        Assert.True(result.Failed);
        Assert.Contains("KegSessionCacheOptions.FeedHeartbeat", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_accepted_and_two_bad_settings_are_both_named()
    {
        Assert.True(Validation.Validate(null, new KegSessionCacheOptions()).Succeeded);

        var result = Validation.Validate(null, new KegSessionCacheOptions { SizeLimit = 0, FeedHeartbeat = TimeSpan.Zero });

        Assert.Contains("SizeLimit", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("FeedHeartbeat", result.FailureMessage, StringComparison.Ordinal);
    }
}
