using KegAuth.Infrastructure;
using KegAuth.Tests.ApiTokens;
using KegAuth.Tests.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.SecurityCore;

/// <summary>
/// The security core's argument guards and cancellation points, each asserted by the parameter it
/// names: without the guard the code still fails, but later and with another exception or parameter
/// name, which is what these tests tell apart (they kill the mutation run's "guard removed" survivors).
/// </summary>
public sealed class SecurityCoreArgumentTests
{
    private static readonly KegAuthOptions Options = TestClock.Options(TestClock.Create());

    [Fact]
    public void A_password_check_needs_its_problems()
        => Assert.Equal("problems", Assert.Throws<ArgumentNullException>(() => new KegPasswordCheck(null!)).ParamName);

    [Fact]
    public void A_password_policy_needs_its_validators_and_none_may_be_null_even_the_first()
    {
        Assert.Equal("validators", Assert.Throws<ArgumentNullException>(() => new KegPasswordPolicy((IEnumerable<IKegPasswordValidator>)null!)).ParamName);
        Assert.Equal("validators", Assert.Throws<ArgumentException>(() => new KegPasswordPolicy([null!])).ParamName);
        Assert.Equal("additionalValidators", Assert.Throws<ArgumentNullException>(() => new KegPasswordPolicy(new KegPasswordPolicyOptions(), (IEnumerable<IKegPasswordValidator>)null!)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new KegPasswordRules(null!)).ParamName);
    }

    [Fact]
    public async Task A_cancelled_check_stops_before_the_next_validator()
    {
        var counting = new CountingValidator();
        var policy = new KegPasswordPolicy([counting]);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => policy.CheckAsync("Correct-Horse-7", null, cancelled.Token));
        Assert.Equal(0, counting.Calls);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new KegPasswordRules(new KegPasswordPolicyOptions()).ValidateAsync("Correct-Horse-7", null, cancelled.Token));
    }

    [Fact]
    public void Raw_token_generation_names_a_missing_charset()
        => Assert.Equal("charset", Assert.Throws<ArgumentNullException>(() => KegApiTokens.GenerateRaw(32, null, null!)).ParamName);

    [Fact]
    public async Task Api_token_lookups_name_their_missing_arguments()
    {
        var users = Array.Empty<TokenUser>().AsQueryable();

        Assert.Equal("users", (await Assert.ThrowsAsync<ArgumentNullException>(() => KegApiTokens.FindByLoginIdAsync<TokenUser>(null!, "ada"))).ParamName);
        Assert.Equal("loginId", (await Assert.ThrowsAsync<ArgumentNullException>(() => KegApiTokens.FindByLoginIdAsync(users, null!))).ParamName);
        Assert.Equal("users", (await Assert.ThrowsAsync<ArgumentNullException>(() => KegApiTokens.FindUserAsync<TokenUser>(null!, "not.a-token"))).ParamName);
    }

    [Fact]
    public async Task The_hash_upgrade_names_its_missing_arguments()
    {
        var users = Array.Empty<TokenUser>().AsQueryable();
        var user = new TokenUser();
        var bcrypt = PasswordHash.Create("raw-token-value", 4);

        Assert.Equal("users", (await Assert.ThrowsAsync<ArgumentNullException>(() => KegApiTokens.UpgradeHashAsync<TokenUser>(null!, user, bcrypt, "raw-token-value"))).ParamName);
        Assert.Equal("user", (await Assert.ThrowsAsync<ArgumentNullException>(() => KegApiTokens.UpgradeHashAsync(users, null!, bcrypt, "raw-token-value"))).ParamName);
        Assert.Equal("verifiedHash", (await Assert.ThrowsAsync<ArgumentNullException>(() => KegApiTokens.UpgradeHashAsync(users, user, null!, "raw-token-value"))).ParamName);
    }

    [Fact]
    public void Reset_tokens_name_a_missing_salt()
    {
        Assert.Equal("salt", Assert.Throws<ArgumentNullException>(() => KegResetTokens.GetSignature(null!, Options)).ParamName);
        Assert.Equal("salt", Assert.Throws<ArgumentNullException>(() => KegResetTokens.Generate(KegTokenUserId.FromInt64(1), null!, Options)).ParamName);
    }

    private sealed class CountingValidator : IKegPasswordValidator
    {
        public int Calls { get; private set; }

        public Task<IReadOnlyList<KegPasswordProblem>> ValidateAsync(string password, string? loginId, CancellationToken cancellationToken)
        {
            Calls++;
            return Task.FromResult<IReadOnlyList<KegPasswordProblem>>([]);
        }
    }
}
