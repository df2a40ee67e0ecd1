using KegAuth.AspNetCore.Accounts;
using Xunit;

namespace KegAuth.AspNetCore.Tests;

/// <summary>
/// What registration, the admin pages and the command line accept as a new login id
/// (<see cref="KegNewLoginId"/>), at the edges: surrounding space, control characters, length, and
/// halves of surrogate pairs, which PostgreSQL cannot store (the save would fail with a driver error
/// instead of a clear refusal).
/// </summary>
public sealed class NewLoginIdTests
{
    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("ada")]
    [InlineData("ad a")]
    [InlineData("\U0001F600@example.com")] // a whole pair
    [InlineData("ada\U0001F600")] // a pair at the very end
    public void Acceptable_login_ids(string loginId) => Assert.True(KegNewLoginId.IsAcceptable(loginId));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" ada")]
    [InlineData("ada ")]
    [InlineData("ada\n")]
    [InlineData("a\u0000da")]
    public void Refused_login_ids(string? loginId) => Assert.False(KegNewLoginId.IsAcceptable(loginId));

    [Fact]
    public void Halves_of_surrogate_pairs_are_refused()
    {
        // Built here, not as theory data: the test runner's serialization of arguments turns a lone
        // surrogate into U+FFFD, a valid character, and the case would test nothing.
        string[] refused =
        [
            "ada\uD800", // high half at the end
            "\uD800ada", // high half followed by an ordinary character
            "ada\uDC00", // low half alone
            "\uDC00\uD800", // both halves, in the wrong order
            "\U0001F600\uDC00", // a pair, then a stray low half
            "\uD800\uD800\uDC00", // a high half, then a pair
        ];

        Assert.All(refused, loginId => Assert.False(KegNewLoginId.IsAcceptable(loginId), string.Join(" ", loginId.Select(c => ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)))));
    }

    [Fact]
    public void The_length_limit_is_the_attempt_logs_column()
    {
        Assert.True(KegNewLoginId.IsAcceptable(new string('a', KegAttempts.MaxUserInputLength)));
        Assert.False(KegNewLoginId.IsAcceptable(new string('a', KegAttempts.MaxUserInputLength + 1)));
    }
}
