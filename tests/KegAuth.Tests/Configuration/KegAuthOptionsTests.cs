using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace KegAuth.Tests.Configuration;

/// <summary>Options defaults, validation messages, and the DI registration that checks them at start-up.</summary>
public class KegAuthOptionsTests
{
    private const string ValidSecret = "configured-secret-of-at-least-32-characters";

    [Fact]
    public void Defaults_match_keg_auth()
    {
        var options = new KegAuthOptions();

        Assert.Equal(TimeSpan.FromMinutes(240), options.TokenLifetime);
        Assert.Equal(12, options.PasswordWorkFactor);
        Assert.False(options.AllowLegacyTokens);
        Assert.Equal("keg_auth", options.TableNamespace);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    [Theory]
    [InlineData(null, "SecretKey")]
    [InlineData("", "SecretKey")]
    [InlineData("   ", "SecretKey")]
    public void A_missing_secret_key_is_named(string? secret, string setting)
    {
        var options = new KegAuthOptions { SecretKey = secret! };

        var exception = Assert.Throws<KegAuthOptionsException>(options.Validate);

        Assert.Contains(setting, exception.Message);
    }

    [Theory]
    [InlineData(3, "PasswordWorkFactor")]
    [InlineData(17, "PasswordWorkFactor")]
    [InlineData(32, "PasswordWorkFactor")]
    public void A_work_factor_outside_bcrypt_range_is_named(int workFactor, string setting)
    {
        var options = new KegAuthOptions { SecretKey = ValidSecret, PasswordWorkFactor = workFactor };

        Assert.Contains(setting, Assert.Throws<KegAuthOptionsException>(options.Validate).Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_non_positive_token_lifetime_is_named(int minutes)
    {
        var options = new KegAuthOptions { SecretKey = ValidSecret, TokenLifetime = TimeSpan.FromMinutes(minutes) };

        Assert.Contains("TokenLifetime", Assert.Throws<KegAuthOptionsException>(options.Validate).Message);
    }

    [Fact]
    public void Every_wrong_setting_is_reported_at_once_and_the_secret_never_appears()
    {
        var options = new KegAuthOptions { SecretKey = "top-secret-value-of-at-least-32-characters", PasswordWorkFactor = 99, TokenLifetime = TimeSpan.Zero };

        var exception = Assert.Throws<KegAuthOptionsException>(options.Validate);

        Assert.Equal(2, exception.Errors.Count);
        Assert.DoesNotContain("top-secret-value", exception.Message);
    }

    [Fact]
    public void AddKegAuth_fails_start_up_validation_naming_the_secret_key()
    {
        using var provider = new ServiceCollection().AddKegAuth(_ => { }).BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("SecretKey", exception.Message);
    }

    [Fact]
    public void AddKegAuth_binds_options_and_uses_the_registered_clock()
    {
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        using var provider = services.AddKegAuth(o => o.SecretKey = ValidSecret).BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<KegAuthOptions>>().Value;

        Assert.Equal(ValidSecret, options.SecretKey);
        Assert.Same(clock, options.TimeProvider);
    }

    [Fact]
    public void AddKegAuth_registers_the_system_clock_when_none_is_registered()
    {
        using var provider = new ServiceCollection().AddKegAuth(o => o.SecretKey = ValidSecret).BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<IOptions<KegAuthOptions>>().Value.TimeProvider);
    }
}
