using Xunit;

namespace KegAuth.Tests.Passwords.Policy;

/// <summary>
/// The cases of keg-auth's <c>TestPasswordPolicy</c> (keg_auth/tests/test_authenticators.py) that
/// KegAuth's rules can express. keg-auth's custom character sets (a fifth "whitespace" class, a
/// single "number" class) have no counterpart: the four classes are fixed here.
/// </summary>
public class KegAuthPolicyParityTests
{
    private static bool Has(KegPasswordRules rules, string password, string? loginId, string code) =>
        rules.Check(password, loginId).Any(problem => problem.Code == code);

    [Fact]
    public void Check_length()
    {
        var rules = new KegPasswordRules();
        var longer = new KegPasswordRules(new KegPasswordPolicyOptions { MinLength = 10 });

        Assert.Contains("at least 8 characters long", Assert.Single(rules.Check("aBcDe1!", null)).Message);
        Assert.Contains("at least 10 characters long", Assert.Single(longer.Check("aBcDeFg1!", null)).Message);
        Assert.False(Has(rules, "aBcDeF1!", null, KegPasswordProblemCodes.TooShort));
        Assert.False(Has(longer, "aBcDeFgH1!", null, KegPasswordProblemCodes.TooShort));
    }

    [Theory]
    [InlineData("aaaaaaaa")]
    [InlineData("AAAAAAAA")]
    [InlineData("11111111")]
    [InlineData("aAaAaAaA")]
    [InlineData("a1a1a1a1")]
    [InlineData("1!1!1!1!")]
    public void Char_set_validator_failures(string password)
    {
        var problem = new KegPasswordRules().Check(password, null).Single(p => p.Code == KegPasswordProblemCodes.TooFewCharacterClasses);

        Assert.Contains("at least 3 of", problem.Message);
    }

    [Theory]
    [InlineData("aaaaaaaa")]
    [InlineData("AAAAAAAA")]
    [InlineData("11111111")]
    public void Override_min_char_types_requirement_failures(string password)
    {
        var rules = new KegPasswordRules(new KegPasswordPolicyOptions { RequiredCharacterClasses = 2 });

        var problem = rules.Check(password, null).Single(p => p.Code == KegPasswordProblemCodes.TooFewCharacterClasses);
        Assert.Contains("at least 2 of", problem.Message);
    }

    [Theory]
    [InlineData("aaaaaaaa1!")]
    [InlineData("aaaaaaaaA!")]
    [InlineData("aaaaaaaaA1")]
    [InlineData("AAAAAAAA1!")]
    public void Check_char_set_success(string password) =>
        Assert.False(Has(new KegPasswordRules(), password, null, KegPasswordProblemCodes.TooFewCharacterClasses));

    [Theory]
    [InlineData("1!bob!1234", "bob@example.com")]
    [InlineData("BoB123456!", "bOb@example.com")]
    [InlineData("1!bob!1234", "bob")]
    [InlineData("BoB123456!", "bOb")]
    public void Check_does_not_contain_username_failures(string password, string loginId)
    {
        var problem = new KegPasswordRules().Check(password, loginId).Single(p => p.Code == KegPasswordProblemCodes.ContainsLoginId);

        Assert.Contains("may not contain the username", problem.Message);
    }

    [Theory]
    [InlineData("1!b0b!1234", "bob@example.com")]
    [InlineData("B0B123456!", "bOb@example.com")]
    [InlineData("1!b0b!1234", "bob")]
    [InlineData("B0B123456!", "bOb")]
    public void Check_does_not_contain_username_success(string password, string loginId) =>
        Assert.False(Has(new KegPasswordRules(), password, loginId, KegPasswordProblemCodes.ContainsLoginId));

    [Fact]
    public void Default_password_policy_checks_only_length()
    {
        // keg-auth's DefaultPasswordPolicy.
        var lengthOnly = new KegPasswordRules(new KegPasswordPolicyOptions
        {
            RequiredCharacterClasses = 0,
            RejectLoginId = false,
            RejectCommonPasswords = false,
        });

        Assert.Empty(lengthOnly.Check("password", "password"));
        Assert.Equal(KegPasswordProblemCodes.TooShort, Assert.Single(lengthOnly.Check("passwor", null)).Code);
    }
}
