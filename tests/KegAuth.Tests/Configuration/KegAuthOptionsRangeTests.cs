using Xunit;

namespace KegAuth.Tests.Configuration;

/// <summary>The edges of each validated range, and UseKegAuth failing on bad options with the setting named.</summary>
public sealed class KegAuthOptionsRangeTests
{
    private const string ValidSecret = "range-test-secret-of-at-least-32-characters";

    [Theory]
    [InlineData(4, true)]
    [InlineData(16, true)]
    [InlineData(17, false)]
    [InlineData(31, false)]
    [InlineData(int.MinValue, false)]
    [InlineData(-4, false)]
    [InlineData(int.MaxValue, false)]
    public void Work_factor_edges(int workFactor, bool valid)
    {
        var errors = KegAuthOptionsValidation.GetErrors(new KegAuthOptions { SecretKey = ValidSecret, PasswordWorkFactor = workFactor });
        Assert.Equal(valid, errors.Count == 0);
        Assert.All(errors, e => Assert.Contains("PasswordWorkFactor", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1L, true)]
    [InlineData(0L, false)]
    [InlineData(-1L, false)]
    [InlineData(long.MinValue, false)]
    public void Token_lifetime_edges_in_ticks(long ticks, bool valid)
    {
        var errors = KegAuthOptionsValidation.GetErrors(new KegAuthOptions { SecretKey = ValidSecret, TokenLifetime = TimeSpan.FromTicks(ticks) });
        Assert.Equal(valid, errors.Count == 0);
        Assert.All(errors, e => Assert.Contains("TokenLifetime", e, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\t\n")]
    [InlineData("")]
    public void UseKegAuth_refuses_a_blank_secret_naming_it(string secret)
    {
        var database = new EntityFrameworkCore.SqliteTestDatabase();
        using (database)
        {
            var options = new KegAuthOptions { SecretKey = secret };
            var error = Assert.ThrowsAny<Exception>(() =>
            {
                using var context = database.CreateContext<EntityFrameworkCore.TestEntities.KegTestContext>(options);
                _ = context.Model;
            });
            Assert.Contains("SecretKey", (error.InnerException ?? error).Message, StringComparison.Ordinal);
        }
    }
}
