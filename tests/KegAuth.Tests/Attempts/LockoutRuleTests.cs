using Xunit;

namespace KegAuth.Tests.Attempts;

/// <summary><see cref="LockoutRule"/> at each of its edges, without a database.</summary>
public sealed class LockoutRuleTests
{
    private static readonly DateTime Now = new(2030, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly KegLockoutPolicy Policy = new() { Limit = 3, Timespan = TimeSpan.FromMinutes(10), LockoutPeriod = TimeSpan.FromHours(1) };

    [Fact]
    public void No_rows_and_fewer_than_the_limit_are_open()
    {
        Assert.Equal(KegLockout.Open, Evaluate([]));
        Assert.Equal(KegLockout.Open, Evaluate([Failure(0), Failure(1)]));
    }

    [Fact]
    public void The_limit_within_the_window_blocks_until_the_period_after_the_newest()
    {
        var lockout = Evaluate([Failure(0), Failure(60), Failure(120)]);

        Assert.Equal(new KegLockout(true, Now + Policy.LockoutPeriod), lockout);
    }

    [Fact]
    public void The_oldest_exactly_one_timespan_before_the_newest_is_outside_the_window()
    {
        Assert.Equal(KegLockout.Open, Evaluate([Failure(0), Failure(1), Failure(600)]));
        Assert.True(Evaluate([Failure(0), Failure(1), Failure(599.999)]).IsBlocked);
    }

    [Fact]
    public void The_lockout_ends_after_its_last_instant()
    {
        var rows = new[] { Failure(0), Failure(1), Failure(2) };

        Assert.True(LockoutRule.Evaluate(rows, true, Policy.Limit, Policy, Now + Policy.LockoutPeriod).IsBlocked);
        Assert.Equal(KegLockout.Open, LockoutRule.Evaluate(rows, true, Policy.Limit, Policy, Now + Policy.LockoutPeriod + TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void A_success_restarts_the_count_only_where_successes_restart()
    {
        LockoutRule.Row[] rows = [Failure(0), Failure(1), Success(2), Failure(3)];

        Assert.Equal(KegLockout.Open, LockoutRule.Evaluate(rows, successRestarts: true, 3, Policy, Now));
        Assert.True(LockoutRule.Evaluate(rows, successRestarts: false, 3, Policy, Now).IsBlocked);
    }

    [Fact]
    public void Failures_at_the_instant_of_the_success_do_not_count()
    {
        // Ordered by time only, a failure at the success's instant may come before it.
        LockoutRule.Row[] rows = [Failure(0), Failure(0), Failure(5), Success(5)];

        Assert.Equal(KegLockout.Open, LockoutRule.Evaluate(rows, successRestarts: true, 3, Policy, Now));
        Assert.True(LockoutRule.Evaluate([Failure(0), Failure(0), Failure(4.999), Success(5)], true, 3, Policy, Now).IsBlocked);
    }

    [Fact]
    public void A_row_after_now_counts_as_made_now()
    {
        var lockout = Evaluate([Failure(-3600), Failure(1), Failure(2)]);

        Assert.Equal(new KegLockout(true, Now + Policy.LockoutPeriod), lockout);
    }

    [Fact]
    public void The_limit_given_is_the_one_applied()
    {
        LockoutRule.Row[] rows = [Failure(0), Failure(1), Failure(2), Failure(3)];

        Assert.Equal(KegLockout.Open, LockoutRule.Evaluate(rows[..3], false, 4, Policy, Now));
        Assert.True(LockoutRule.Evaluate(rows, false, 4, Policy, Now).IsBlocked);
        Assert.True(LockoutRule.Evaluate(rows[..1], false, 1, Policy, Now).IsBlocked);
    }

    [Fact]
    public void The_horizon_reaches_back_one_window_and_one_period()
        => Assert.Equal(Now - Policy.Timespan - Policy.LockoutPeriod, LockoutRule.Horizon(Policy, Now));

    [Fact]
    public void Two_counters_combine_to_the_later_end()
    {
        var early = new KegLockout(true, Now);
        var late = new KegLockout(true, Now.AddMinutes(1));

        Assert.Equal(late, LockoutRule.Combine(early, late));
        Assert.Equal(late, LockoutRule.Combine(late, early));
        Assert.Equal(early, LockoutRule.Combine(early, KegLockout.Open));
        Assert.Equal(early, LockoutRule.Combine(KegLockout.Open, early));
        Assert.Equal(KegLockout.Open, LockoutRule.Combine(KegLockout.Open, KegLockout.Open));
    }

    private static KegLockout Evaluate(LockoutRule.Row[] rows) => LockoutRule.Evaluate(rows, successRestarts: true, Policy.Limit, Policy, Now);

    private static LockoutRule.Row Failure(double secondsAgo) => new(Now.AddSeconds(-secondsAgo), false);

    private static LockoutRule.Row Success(double secondsAgo) => new(Now.AddSeconds(-secondsAgo), true);
}
