using Xunit;

namespace KegAuth.Tests.Passwords.Policy;

/// <summary>Null, empty, control characters, broken UTF-16 and huge strings give problems, never exceptions.</summary>
public class PasswordBadInputTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Null_and_empty_are_too_short_with_too_few_classes(string? password)
    {
        var check = await KegPasswordPolicy.Default.CheckAsync(password, null);

        Assert.False(check.Succeeded);
        Assert.Equal([KegPasswordProblemCodes.TooShort, KegPasswordProblemCodes.TooFewCharacterClasses], check.Codes);
    }

    [Theory]
    [InlineData("Abcdefg1\0")]
    [InlineData("\0Abcdefg1")]
    [InlineData("Abcd\tefg1")]
    [InlineData("Abcdefg1\n")]
    [InlineData("Abcdefg1\u007F")]
    public void Control_characters_are_invalid(string password)
    {
        var problem = Assert.Single(new KegPasswordRules().Check(password, null));

        Assert.Equal(KegPasswordProblemCodes.InvalidCharacters, problem.Code);
    }

    // Built at run time: an attribute argument cannot carry a lone surrogate (it becomes U+FFFD).
    [Theory]
    [InlineData(0)] // lone high surrogate at the end
    [InlineData(1)] // lone low surrogate
    [InlineData(2)] // reversed pair
    public void Unpaired_surrogates_are_invalid(int example)
    {
        var password = example switch
        {
            0 => "Abcdefg1" + '\uD800',
            1 => "Abc" + '\uDC00' + "defg1",
            _ => "Abc" + '\uDC00' + '\uD800' + "defg1",
        };
        Assert.False(char.IsSurrogatePair(password, password.IndexOfAny(['\uD800', '\uDC00'])));

        var problem = Assert.Single(new KegPasswordRules().Check(password, null));

        Assert.Equal(KegPasswordProblemCodes.InvalidCharacters, problem.Code);
    }

    [Fact]
    public void A_password_the_policy_accepts_can_be_hashed()
    {
        // The reason for invalid-characters: PasswordHash.Create refuses what has no UTF-8 form.
        Assert.Throws<ArgumentException>(() => PasswordHash.Create("Abcdefg1" + '\uD800', 4));
        Assert.Empty(new KegPasswordRules().Check("Abcdefg1\U0001F600", null));
        Assert.True(PasswordHash.Create("Abcdefg1\U0001F600", 4).Verify("Abcdefg1\U0001F600"));
    }

    [Fact]
    public async Task A_huge_password_and_login_id_give_problems_not_exceptions()
    {
        var huge = new string('a', 10_000_000);

        var check = await KegPasswordPolicy.Default.CheckAsync(huge, huge);

        Assert.Equal(
            [KegPasswordProblemCodes.TooLong, KegPasswordProblemCodes.TooFewCharacterClasses, KegPasswordProblemCodes.ContainsLoginId],
            check.Codes);
    }

    [Fact]
    public void A_huge_string_is_not_on_the_common_list()
    {
        Assert.False(KegCommonPasswords.Contains(new string('1', 1_000_000)));
    }

    [Theory]
    [InlineData("Secret-someone-1", "someone")]
    [InlineData("sec", "sec")]
    [InlineData("P@ssw0rd", "p@ssw0rd@example.com")]
    [InlineData("hunter2\0hunter2", null)]
    public void No_message_repeats_the_password(string password, string? loginId)
    {
        var problems = new KegPasswordRules().Check(password, loginId);

        Assert.NotEmpty(problems);
        Assert.All(problems, problem =>
        {
            Assert.DoesNotContain(password, problem.Message, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(password, problem.Code, StringComparison.OrdinalIgnoreCase);
        });
    }
}
