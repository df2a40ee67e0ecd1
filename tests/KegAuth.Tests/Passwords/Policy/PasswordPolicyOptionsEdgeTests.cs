using Xunit;

namespace KegAuth.Tests.Passwords.Policy;

/// <summary>
/// Each password-policy setting at the edges of its range: the last value accepted and the first
/// refused, one error per broken setting, and the rules built from an edge behaving as it says.
/// </summary>
public sealed class PasswordPolicyOptionsEdgeTests
{
    [Theory]
    [InlineData(1, 1, 0)]
    [InlineData(1, 72, 4)]
    [InlineData(72, 72, 3)]
    [InlineData(5, 5, 2)]
    public void Settings_at_the_ends_of_their_ranges_are_accepted(int minLength, int maxBytes, int classes)
    {
        var options = Options(minLength, maxBytes, classes);

        Assert.Empty(options.GetErrors("PasswordPolicy"));
        _ = new KegPasswordRules(options);
    }

    [Theory]
    [InlineData(0, 72, 3, "PasswordPolicy.MinLength must be at least 1; it was 0.")]
    [InlineData(6, 5, 3, "PasswordPolicy.MinLength must be at most MaxUtf8Bytes (5), or no password could pass; it was 6.")]
    [InlineData(2, 1, 3, "PasswordPolicy.MinLength must be at most MaxUtf8Bytes (1), or no password could pass; it was 2.")]
    [InlineData(8, 0, 3, "PasswordPolicy.MaxUtf8Bytes must be from 1 to 72 (bcrypt ignores every byte after the 72nd); it was 0.")]
    [InlineData(8, 73, 3, "PasswordPolicy.MaxUtf8Bytes must be from 1 to 72 (bcrypt ignores every byte after the 72nd); it was 73.")]
    [InlineData(8, 72, -1, "PasswordPolicy.RequiredCharacterClasses must be from 0 (no rule) to 4; it was -1.")]
    [InlineData(8, 72, 5, "PasswordPolicy.RequiredCharacterClasses must be from 0 (no rule) to 4; it was 5.")]
    public void The_first_value_out_of_range_gives_exactly_its_own_error(int minLength, int maxBytes, int classes, string expected)
    {
        var options = Options(minLength, maxBytes, classes);

        Assert.Equal([expected], options.GetErrors("PasswordPolicy"));
        var error = Assert.Throws<KegAuthOptionsException>(() => new KegPasswordRules(options));
        Assert.Equal(["KegPasswordPolicyOptions" + expected["PasswordPolicy".Length..]], error.Errors);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(73)]
    public void A_minimum_over_an_invalid_maximum_reports_only_the_maximum(int maxBytes)
    {
        var errors = Options(80, maxBytes, 3).GetErrors("PasswordPolicy");

        Assert.Equal("PasswordPolicy.MaxUtf8Bytes", Assert.Single(errors)[..27]);
    }

    [Fact]
    public void Every_broken_setting_is_reported_at_once()
    {
        var errors = Options(0, 73, 5).GetErrors("PasswordPolicy");

        Assert.Equal(3, errors.Count);
    }

    [Fact]
    public void Rules_at_the_edges_behave_as_configured()
    {
        var rules = new KegPasswordRules(Options(5, 5, 0));

        Assert.Empty(rules.Check("abcde", null));
        Assert.Equal([KegPasswordProblemCodes.TooShort], rules.Check("abcd", null).Select(p => p.Code));
        Assert.Equal([KegPasswordProblemCodes.TooLong], rules.Check("abcdef", null).Select(p => p.Code));
    }

    private static KegPasswordPolicyOptions Options(int minLength, int maxBytes, int classes) =>
        new() { MinLength = minLength, MaxUtf8Bytes = maxBytes, RequiredCharacterClasses = classes, RejectCommonPasswords = false, RejectLoginId = false };
}
