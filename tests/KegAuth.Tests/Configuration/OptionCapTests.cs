using Xunit;

namespace KegAuth.Tests.Configuration;

/// <summary>Issue 13 item 6: absurd options (bcrypt cost 31, a ten-year reset token, a lockout of years) are refused at start-up.</summary>
public sealed class OptionCapTests
{
    private const string Secret = "option-cap-test-secret-of-at-least-32-characters";

    [Theory]
    [InlineData(16, true)]
    [InlineData(17, false)]
    [InlineData(31, false)]
    public void PasswordWorkFactor_is_capped_at_16(int workFactor, bool valid)
    {
        var errors = KegAuthOptionsValidation.GetErrors(new KegAuthOptions { SecretKey = Secret, PasswordWorkFactor = workFactor });

        Assert.Equal(valid, errors.Count == 0);
        Assert.All(errors, e => Assert.Contains("PasswordWorkFactor", e, StringComparison.Ordinal));
    }

    [Fact]
    public void TokenLifetime_is_capped_at_7_days()
    {
        Assert.Empty(KegAuthOptionsValidation.GetErrors(new KegAuthOptions { SecretKey = Secret, TokenLifetime = TimeSpan.FromDays(7) }));

        foreach (var lifetime in new[] { TimeSpan.FromDays(7) + TimeSpan.FromTicks(1), TimeSpan.FromDays(3650), TimeSpan.MaxValue })
        {
            var error = Assert.Throws<KegAuthOptionsException>(new KegAuthOptions { SecretKey = Secret, TokenLifetime = lifetime }.Validate);
            Assert.Contains("TokenLifetime", Assert.Single(error.Errors), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Lockout_windows_and_periods_are_capped_at_7_days()
    {
        var week = TimeSpan.FromDays(7);
        var options = new KegAuthOptions { SecretKey = Secret };
        options.Lockout.Login.Timespan = week;
        options.Lockout.Login.LockoutPeriod = week;
        Assert.Empty(KegAuthOptionsValidation.GetErrors(options));

        options.Lockout.Login.Timespan = week + TimeSpan.FromTicks(1);
        options.Lockout.Forgot.LockoutPeriod = TimeSpan.MaxValue;
        options.Lockout.Reset.Timespan = TimeSpan.FromDays(3650);

        var errors = KegAuthOptionsValidation.GetErrors(options);
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("KegAuthOptions.Lockout.Login.Timespan", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("KegAuthOptions.Lockout.Forgot.LockoutPeriod", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("KegAuthOptions.Lockout.Reset.Timespan", StringComparison.Ordinal));
    }
}
