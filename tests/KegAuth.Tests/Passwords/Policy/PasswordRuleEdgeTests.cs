using Xunit;

namespace KegAuth.Tests.Passwords.Policy;

/// <summary>Each built-in rule on both sides of its edge.</summary>
public class PasswordRuleEdgeTests
{
    private static readonly KegPasswordRules Rules = new();

    private static IReadOnlyList<string> Codes(string? password, string? loginId = null) =>
        Rules.Check(password, loginId).Select(problem => problem.Code).ToList();

    [Fact]
    public void Seven_characters_are_too_short_and_eight_are_enough()
    {
        Assert.Equal([KegPasswordProblemCodes.TooShort], Codes("aB3$xyz"));
        Assert.Empty(Codes("aB3$xyzw"));
    }

    [Fact]
    public void Length_counts_code_points_not_utf16_units()
    {
        // Seven code points, eleven UTF-16 units: still too short, as Python's len() says.
        const string sevenCodePoints = "aB3\U0001F600\U0001F600\U0001F600\U0001F600";
        Assert.Equal(11, sevenCodePoints.Length);

        Assert.Contains(KegPasswordProblemCodes.TooShort, Codes(sevenCodePoints));
        Assert.DoesNotContain(KegPasswordProblemCodes.TooShort, Codes(sevenCodePoints + "\U0001F600"));
    }

    [Fact]
    public void The_minimum_length_follows_the_options_and_names_itself_in_the_message()
    {
        var rules = new KegPasswordRules(new KegPasswordPolicyOptions { MinLength = 12 });

        var problem = Assert.Single(rules.Check("aB3$xyzwvut", null));

        Assert.Equal(KegPasswordProblemCodes.TooShort, problem.Code);
        Assert.Contains("12", problem.Message);
        Assert.Empty(rules.Check("aB3$xyzwvuts", null));
    }

    [Theory]
    [InlineData("abcdefgh12")] // lower + digit
    [InlineData("ABCDEFGH!!")] // upper + other
    [InlineData("abcdEFGHij")] // lower + upper
    [InlineData("12345678!!")] // digit + other
    public void Two_character_classes_are_too_few(string password) =>
        Assert.Equal([KegPasswordProblemCodes.TooFewCharacterClasses], Codes(password));

    [Theory]
    [InlineData("abcdefgh1!")] // lower + digit + other
    [InlineData("abcdEFGH12")] // lower + upper + digit
    [InlineData("ABCDEFGH1!")] // upper + digit + other
    [InlineData("abcdEFGH!!")] // lower + upper + other
    public void Three_character_classes_are_enough(string password) => Assert.Empty(Codes(password));

    [Fact]
    public void Whitespace_is_no_character_class_as_in_keg_auth()
    {
        Assert.Equal([KegPasswordProblemCodes.TooFewCharacterClasses], Codes("a1 a1 a1 "));
        Assert.Empty(Codes("aA1 aA1 aA1 "));
    }

    [Fact]
    public void Non_ascii_letters_count_by_their_case()
    {
        // keg-auth counts ASCII only; here é is lowercase and É uppercase.
        Assert.Empty(Codes("éééÉÉÉ12"));
        Assert.Equal([KegPasswordProblemCodes.TooFewCharacterClasses], Codes("éééééé12"));
    }

    [Fact]
    public void An_invisible_format_character_earns_no_class()
    {
        Assert.Equal([KegPasswordProblemCodes.TooFewCharacterClasses], Codes("abcdefgh12\u200B"));
    }

    [Theory]
    [InlineData(0, "aaaaaaaaaa")]
    [InlineData(4, "aA1!aA1!")]
    public void The_required_class_count_follows_the_options(int required, string passes)
    {
        var rules = new KegPasswordRules(new KegPasswordPolicyOptions { RequiredCharacterClasses = required });

        Assert.Empty(rules.Check(passes, null));
        if (required == 4)
        {
            var problem = Assert.Single(rules.Check("aA1aA1aA1", null));
            Assert.Equal(KegPasswordProblemCodes.TooFewCharacterClasses, problem.Code);
            Assert.Contains("at least 4", problem.Message);
        }
    }

    [Theory]
    [InlineData("xxALICEyy1!", "alice")]
    [InlineData("xxaliceyy1!", "ALICE")]
    [InlineData("xxAlIcEyy1!", "aLiCe")]
    public void The_login_id_is_refused_in_any_case(string password, string loginId) =>
        Assert.Equal([KegPasswordProblemCodes.ContainsLoginId], Codes(password, loginId));

    [Fact]
    public void For_an_email_login_the_local_part_is_refused_and_the_domain_is_not()
    {
        Assert.Equal([KegPasswordProblemCodes.ContainsLoginId], Codes("9!ALICExy", "alice@example.com"));
        Assert.Empty(Codes("9!EXAMPLExy", "alice@example.com"));
    }

    [Theory]
    [InlineData("al")]            // too short to mean anything
    [InlineData("al@example.com")] // local part too short
    [InlineData("@example.com")]  // empty local part: keg-auth would refuse every password
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Login_ids_too_short_to_matter_are_not_checked(string? loginId) =>
        Assert.Empty(Codes("xalx@example.comZ1!", loginId));

    [Fact]
    public void Three_character_login_ids_are_checked()
    {
        Assert.Equal([KegPasswordProblemCodes.ContainsLoginId], Codes("xxBoBxx1!", "bob"));
    }

    [Fact]
    public void The_login_id_rule_can_be_turned_off()
    {
        var rules = new KegPasswordRules(new KegPasswordPolicyOptions { RejectLoginId = false });

        Assert.Empty(rules.Check("xxALICEyy1!", "alice"));
    }

    [Fact]
    public void Seventy_two_utf8_bytes_pass_and_seventy_three_are_too_long()
    {
        // 'Aa1!' is 4 bytes, each 'é' 2: 4 + 68 = 72.
        var seventyTwo = "Aa1!" + new string('é', 34);
        Assert.Equal(72, System.Text.Encoding.UTF8.GetByteCount(seventyTwo));
        Assert.Equal(38, seventyTwo.Length);

        Assert.Empty(Codes(seventyTwo));
        Assert.Equal([KegPasswordProblemCodes.TooLong], Codes(seventyTwo + "x"));
    }

    [Fact]
    public void Four_byte_characters_are_counted_in_bytes()
    {
        // Each emoji is 4 bytes: 3 + 17 * 4 = 71, so one more ASCII character reaches 72 exactly
        // and one more emoji makes 75.
        var seventyOne = "Aa1" + string.Concat(Enumerable.Repeat("\U0001F600", 17));
        Assert.Equal(71, System.Text.Encoding.UTF8.GetByteCount(seventyOne));

        Assert.Empty(Codes(seventyOne + "!"));
        Assert.Equal([KegPasswordProblemCodes.TooLong], Codes(seventyOne + "\U0001F600"));
    }

    [Fact]
    public void Seventy_three_ascii_characters_are_too_long_and_the_message_names_the_limit()
    {
        var problem = Assert.Single(Rules.Check("Aa1!" + new string('x', 69), null));

        Assert.Equal(KegPasswordProblemCodes.TooLong, problem.Code);
        Assert.Contains("72", problem.Message);
        Assert.Empty(Codes("Aa1!" + new string('x', 68)));
    }

    [Fact]
    public void A_lower_byte_maximum_can_be_set()
    {
        var rules = new KegPasswordRules(new KegPasswordPolicyOptions { MaxUtf8Bytes = 16 });

        Assert.Empty(rules.Check("Aa1!xxxxxxxxxxxx", null));
        Assert.Equal(KegPasswordProblemCodes.TooLong, Assert.Single(rules.Check("Aa1!xxxxxxxxxxxxx", null)).Code);
    }

    [Theory]
    [InlineData("P@ssw0rd")]   // four classes, eight characters: only the list catches it
    [InlineData("p@ssw0rd")]
    [InlineData("P@SSW0RD")]
    [InlineData("TrustNo1")]
    public void A_list_entry_is_refused_in_any_case(string password)
    {
        var check = Rules.Check(password, null);

        Assert.Contains(check, problem => problem.Code == KegPasswordProblemCodes.CommonPassword);
    }

    [Fact]
    public void Passwords_near_a_list_entry_are_not_on_it()
    {
        Assert.Empty(Codes("P@ssw0rd!"));
        Assert.Empty(Codes("P@ssw0rdX"));
    }

    [Fact]
    public void The_list_can_be_turned_off()
    {
        var rules = new KegPasswordRules(new KegPasswordPolicyOptions { RejectCommonPasswords = false });

        Assert.Empty(rules.Check("P@ssw0rd", null));
    }
}
