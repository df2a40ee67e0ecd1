using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace KegAuth.Tests.Passwords.Policy;

/// <summary>The policy: every problem at once, application validators through DI, options checked at start-up.</summary>
public class PasswordPolicyPipelineTests
{
    private const string ValidSecret = "configured-secret-of-at-least-32-characters";

    [Fact]
    public async Task Every_problem_is_returned_together()
    {
        // "123456" for the login "1234": too short, one class, contains the login id, on the list.
        var check = await KegPasswordPolicy.Default.CheckAsync("123456", "1234");

        Assert.Equal(
            [KegPasswordProblemCodes.TooShort, KegPasswordProblemCodes.TooFewCharacterClasses, KegPasswordProblemCodes.ContainsLoginId, KegPasswordProblemCodes.CommonPassword],
            check.Codes);
        Assert.All(check.Problems, problem => Assert.False(string.IsNullOrWhiteSpace(problem.Message)));
        Assert.Equal(string.Join(" ", check.Problems.Select(p => p.Message)), check.ToString());
    }

    [Fact]
    public void Too_short_and_too_long_can_both_apply()
    {
        var rules = new KegPasswordRules(new KegPasswordPolicyOptions { MinLength = 8, MaxUtf8Bytes = 10 });

        var codes = rules.Check("\U0001F600\U0001F600\U0001F600", null).Select(p => p.Code);

        Assert.Equal([KegPasswordProblemCodes.TooShort, KegPasswordProblemCodes.TooLong, KegPasswordProblemCodes.TooFewCharacterClasses], codes);
    }

    [Fact]
    public async Task A_good_password_succeeds()
    {
        var check = await KegPasswordPolicy.Default.CheckAsync("Velvet-Otter-42", "ada@example.com");

        Assert.True(check.Succeeded);
        Assert.Same(KegPasswordCheck.Success, check);
    }

    [Fact]
    public async Task An_app_validator_added_through_di_runs_after_the_built_in_rules()
    {
        var services = new ServiceCollection()
            .AddKegAuth(o => o.SecretKey = ValidSecret)
            .AddKegPasswordValidator<NoCompanyName>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using var scope = provider.CreateAsyncScope();
        var policy = scope.ServiceProvider.GetRequiredService<IKegPasswordPolicy>();

        var both = await policy.CheckAsync("kegco", "ada");
        var appOnly = await policy.CheckAsync("Kegco-Otter-42", "ada");

        Assert.Equal(KegPasswordProblemCodes.TooShort, both.Codes.First());
        Assert.Equal(NoCompanyName.Code, both.Codes.Last());
        Assert.Equal([NoCompanyName.Code], appOnly.Codes);
    }

    [Fact]
    public async Task A_scoped_app_validator_gets_scoped_services()
    {
        var services = new ServiceCollection()
            .AddKegAuth(o => o.SecretKey = ValidSecret)
            .AddScoped<PreviousPasswords>()
            .AddKegPasswordValidator<NotAPreviousPassword>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        await using var scope = provider.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<PreviousPasswords>().Used.Add("Velvet-Otter-42");
        var policy = scope.ServiceProvider.GetRequiredService<IKegPasswordPolicy>();

        Assert.Equal(["reused-password"], (await policy.CheckAsync("Velvet-Otter-42", "ada")).Codes);
        Assert.True((await policy.CheckAsync("Velvet-Otter-43", "ada")).Succeeded);
    }

    [Fact]
    public void Adding_the_same_validator_twice_adds_it_once()
    {
        var services = new ServiceCollection()
            .AddKegAuth(o => o.SecretKey = ValidSecret)
            .AddKegPasswordValidator<NoCompanyName>()
            .AddKegPasswordValidator<NoCompanyName>()
            .AddKegAuth(o => o.SecretKey = ValidSecret);
        using var provider = services.BuildServiceProvider();
        using var scope = provider.CreateScope();

        var policy = Assert.IsType<KegPasswordPolicy>(scope.ServiceProvider.GetRequiredService<IKegPasswordPolicy>());

        Assert.Collection(policy.Validators, v => Assert.IsType<KegPasswordRules>(v), v => Assert.IsType<NoCompanyName>(v));
    }

    [Fact]
    public async Task The_options_set_in_AddKegAuth_reach_the_policy()
    {
        var services = new ServiceCollection().AddKegAuth(o =>
        {
            o.SecretKey = ValidSecret;
            o.PasswordPolicy.MinLength = 12;
            o.PasswordPolicy.RejectCommonPasswords = false;
        });
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var policy = scope.ServiceProvider.GetRequiredService<IKegPasswordPolicy>();

        Assert.Equal([KegPasswordProblemCodes.TooShort], (await policy.CheckAsync("Velvet-Otr1", null)).Codes);
        Assert.True((await policy.CheckAsync("P@ssw0rd1234", null)).Succeeded);
    }

    [Theory]
    [InlineData(0, 72, 3, "PasswordPolicy.MinLength")]
    [InlineData(-1, 72, 3, "PasswordPolicy.MinLength")]
    [InlineData(73, 72, 3, "PasswordPolicy.MinLength")]
    [InlineData(8, 73, 3, "PasswordPolicy.MaxUtf8Bytes")]
    [InlineData(8, 0, 3, "PasswordPolicy.MaxUtf8Bytes")]
    [InlineData(8, 72, 5, "PasswordPolicy.RequiredCharacterClasses")]
    [InlineData(8, 72, -1, "PasswordPolicy.RequiredCharacterClasses")]
    public void Start_up_refuses_out_of_range_policy_settings(int minLength, int maxBytes, int classes, string setting)
    {
        using var provider = new ServiceCollection().AddKegAuth(o =>
        {
            o.SecretKey = ValidSecret;
            o.PasswordPolicy.MinLength = minLength;
            o.PasswordPolicy.MaxUtf8Bytes = maxBytes;
            o.PasswordPolicy.RequiredCharacterClasses = classes;
        }).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(setting, error.Message);
    }

    [Fact]
    public void Start_up_refuses_a_null_policy_and_validate_names_it()
    {
        var options = new KegAuthOptions { SecretKey = ValidSecret, PasswordPolicy = null! };

        Assert.Contains("PasswordPolicy is required", Assert.Throws<KegAuthOptionsException>(options.Validate).Message);
    }

    [Fact]
    public void The_default_settings_pass_validation()
    {
        new KegAuthOptions { SecretKey = ValidSecret }.Validate();
        Assert.Equal(8, new KegPasswordPolicyOptions().MinLength);
        Assert.Equal(72, new KegPasswordPolicyOptions().MaxUtf8Bytes);
        Assert.Equal(3, new KegPasswordPolicyOptions().RequiredCharacterClasses);
        Assert.True(new KegPasswordPolicyOptions().RejectLoginId);
        Assert.True(new KegPasswordPolicyOptions().RejectCommonPasswords);
    }

    [Fact]
    public void Rules_built_without_di_refuse_bad_settings_too()
    {
        var error = Assert.Throws<KegAuthOptionsException>(() => new KegPasswordRules(new KegPasswordPolicyOptions { MinLength = 0 }));

        Assert.Contains("MinLength", error.Message);
    }

    [Fact]
    public void Rules_keep_the_settings_they_were_built_with()
    {
        var options = new KegPasswordPolicyOptions { MinLength = 10 };
        var rules = new KegPasswordRules(options);

        options.MinLength = 4;

        Assert.Equal(KegPasswordProblemCodes.TooShort, Assert.Single(rules.Check("Aa1!xyzq", null)).Code);
    }

    [Fact]
    public async Task A_policy_built_without_di_runs_extra_validators_after_the_rules()
    {
        var policy = new KegPasswordPolicy(new KegPasswordPolicyOptions { MinLength = 6 }, new NoCompanyName());

        Assert.Equal([NoCompanyName.Code], (await policy.CheckAsync("Kegco-1", null)).Codes);
    }

    [Fact]
    public async Task A_policy_with_no_validators_accepts_anything()
    {
        Assert.True((await new KegPasswordPolicy([]).CheckAsync(null, null)).Succeeded);
    }

    [Fact]
    public void A_null_validator_is_refused_at_construction()
    {
        Assert.Throws<ArgumentException>(() => new KegPasswordPolicy([new NoCompanyName(), null!]));
        Assert.Throws<ArgumentNullException>(() => new KegPasswordPolicy(new KegPasswordPolicyOptions(), (IEnumerable<IKegPasswordValidator>)null!));
    }

    [Fact]
    public async Task A_validator_returning_null_fails_loudly_naming_it()
    {
        var policy = new KegPasswordPolicy([new ReturnsNull()]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => policy.CheckAsync("anything", null));

        Assert.Contains(nameof(ReturnsNull), error.Message);
    }

    [Fact]
    public async Task A_cancelled_check_throws_operation_cancelled()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => KegPasswordPolicy.Default.CheckAsync("Velvet-Otter-42", null, cancelled.Token));
    }

    private sealed class NoCompanyName : IKegPasswordValidator
    {
        public const string Code = "contains-company-name";

        public Task<IReadOnlyList<KegPasswordProblem>> ValidateAsync(string password, string? loginId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<KegPasswordProblem>>(password.Contains("kegco", StringComparison.OrdinalIgnoreCase)
                ? [new KegPasswordProblem(Code, "The password may not contain the company's name.")]
                : []);
    }

    private sealed class PreviousPasswords
    {
        public HashSet<string> Used { get; } = [];
    }

    private sealed class NotAPreviousPassword(PreviousPasswords previous) : IKegPasswordValidator
    {
        public Task<IReadOnlyList<KegPasswordProblem>> ValidateAsync(string password, string? loginId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<KegPasswordProblem>>(previous.Used.Contains(password)
                ? [new KegPasswordProblem("reused-password", "Choose a password you have not used before.")]
                : []);
    }

    private sealed class ReturnsNull : IKegPasswordValidator
    {
        public Task<IReadOnlyList<KegPasswordProblem>> ValidateAsync(string password, string? loginId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<KegPasswordProblem>>(null!);
    }
}
