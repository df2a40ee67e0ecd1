using Xunit;

namespace KegAuth.Tests.SecurityCore;

/// <summary>
/// Edges of the security core's parsers and rules that the mutation run found untested: hashes that
/// look almost right, the longest API token, the password rules on null and broken input, and the
/// common-password list's longest entry.
/// </summary>
public sealed class SecurityCoreEdgeTests
{
    [Fact]
    public void A_fast_token_hash_with_another_prefix_or_no_separator_is_not_one()
    {
        var hash = FastTokenScheme.Instance.Create("token");
        var otherVersion = hash.Replace("$v1$", "$v2$", StringComparison.Ordinal);
        var separator = hash.LastIndexOf('$');
        var noSeparator = string.Concat(hash.AsSpan(0, separator), "A", hash.AsSpan(separator + 1));

        Assert.True(FastTokenScheme.Instance.IsWellFormed(hash));
        Assert.False(FastTokenScheme.Instance.IsWellFormed(otherVersion));
        Assert.False(FastTokenScheme.Instance.Verify("token", otherVersion));
        Assert.False(FastTokenScheme.Instance.IsWellFormed(noSeparator));
        Assert.False(FastTokenScheme.Instance.Verify("token", noSeparator));
    }

    [Theory]
    [InlineData("$keg-sha256$v1$")]
    [InlineData("$keg-sha256$v1$abc")]
    public void A_truncated_fast_token_hash_is_refused_without_throwing(string hash)
    {
        Assert.False(FastTokenScheme.Instance.IsWellFormed(hash));
        Assert.False(FastTokenScheme.Instance.Verify("token", hash));
    }

    [Theory]
    [InlineData("$pbkdf2-sha256$29000")]
    [InlineData("$pbkdf2-sha256$")]
    public void A_pbkdf2_hash_without_its_separators_is_refused(string hash)
    {
        Assert.False(Pbkdf2Sha256Scheme.Instance.IsWellFormed(hash));
        Assert.False(Pbkdf2Sha256Scheme.Instance.Verify("password", hash));
    }

    [Fact]
    public void The_longest_api_token_parses_and_one_character_more_does_not()
    {
        var longest = ApiTokenFormat.Format("ada", new string('x', ApiTokenFormat.MaxLength - 5));

        Assert.Equal(ApiTokenFormat.MaxLength, longest.Length);
        Assert.True(ApiTokenFormat.TryParse(longest, out var loginId, out var raw));
        Assert.Equal("ada", loginId);
        Assert.Equal(ApiTokenFormat.MaxLength - 5, raw.Length);
        Assert.False(ApiTokenFormat.TryParse(longest + "x", out loginId, out raw));
        Assert.Equal(string.Empty, loginId);
        Assert.Equal(string.Empty, raw);
    }

    [Fact]
    public void The_rules_treat_null_as_empty()
    {
        var rules = new KegPasswordRules();

        Assert.Equal(
            [KegPasswordProblemCodes.TooShort, KegPasswordProblemCodes.TooFewCharacterClasses],
            rules.Check(null, null).Select(p => p.Code));
    }

    [Fact]
    public void A_lone_surrogate_counts_three_bytes_and_is_named_invalid()
    {
        var rules = new KegPasswordRules(new KegPasswordPolicyOptions { RequiredCharacterClasses = 0, RejectCommonPasswords = false });

        // 70 ASCII bytes and the surrogate's three (its replacement character's UTF-8 length) make 73.
        var problems = rules.Check(new string('a', 70) + "\uD800", null);

        Assert.Equal([KegPasswordProblemCodes.InvalidCharacters, KegPasswordProblemCodes.TooLong], problems.Select(p => p.Code));
        Assert.StartsWith("The password may not contain control characters (such as tab or newline) or invalid Unicode.", problems[0].Message, StringComparison.Ordinal);
        Assert.Equal([KegPasswordProblemCodes.InvalidCharacters], rules.Check(new string('a', 69) + "\uD800", null).Select(p => p.Code));
    }

    [Fact]
    public void The_common_password_list_knows_its_longest_entry()
    {
        Assert.Equal(7, CommonPasswordSet.Build(["abc", "letmein", "a"]).MaxEntryLength);
        Assert.Equal(0, CommonPasswordSet.Build([]).MaxEntryLength);
        Assert.Contains("letmein", CommonPasswordSet.Build(["LetMeIn"]).Entries);
    }
}
