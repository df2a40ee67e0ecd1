using KegAuth.Infrastructure;
using Xunit;

namespace KegAuth.Tests.Tokens;

/// <summary>Every salt field is in the key: changing any one voids tokens issued before.</summary>
public sealed class TokenSaltChangeTests
{
    private const string HashA = "$2b$04$aFtUbnUVyQ7kcje9Md4P.eZvQrdKSBVeZ34U2eOPWA.SpxGPV9Yce";
    private const string HashB = "$2b$04$kuvUJpTJO91CP38BTBCJmuR9hAKkYYvfNjfmyNrTejgt6mC5f3j8K";
    private static readonly DateTime Login = new(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);

    public static TheoryData<string> Changes => new()
    {
        "login id", "login id case", "active flag", "password set", "password changed", "password removed",
        "first login", "later login", "login one microsecond later",
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Changed_salt_fails_an_earlier_token(string change)
    {
        var options = TokenTestKit.Options();
        var user = KegTokenUserId.FromInt64(7);
        var (before, after) = change switch
        {
            "login id" => (Salt("a@example.com"), Salt("b@example.com")),
            "login id case" => (Salt("a@example.com"), Salt("A@example.com")),
            "active flag" => (Salt(active: true), Salt(active: false)),
            "password set" => (Salt(hash: null), Salt(hash: HashA)),
            "password changed" => (Salt(hash: HashA), Salt(hash: HashB)),
            "password removed" => (Salt(hash: HashA), Salt(hash: null)),
            "first login" => (Salt(login: null), Salt(login: Login)),
            "later login" => (Salt(login: Login), Salt(login: Login.AddMinutes(1))),
            "login one microsecond later" => (Salt(login: Login), Salt(login: Login.AddTicks(10))),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        var token = KegResetTokens.Generate(user, before, options);
        Assert.True(KegResetTokens.Verify(token, user, before, options));
        Assert.False(KegResetTokens.Verify(token, user, after, options));
    }

    [Fact]
    public void Another_secret_key_fails()
    {
        var user = KegTokenUserId.FromInt64(7);
        var token = KegResetTokens.Generate(user, TokenTestKit.Salt, TokenTestKit.Options());
        Assert.False(KegResetTokens.Verify(token, user, TokenTestKit.Salt, TokenTestKit.Options(secret: "another-secret-of-at-least-32-characters")));
    }

    private static string Salt(string loginId = "a@example.com", bool active = true, string? hash = HashA, DateTime? login = null) =>
        KegResetTokens.BuildSalt(loginId, active, hash is null ? null : PasswordHash.FromHash(hash), login);
}
