using KegAuth.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Xunit;

namespace KegAuth.Tests.Tokens;

/// <summary>Our hand-written JWT code agrees with Microsoft.IdentityModel in both directions.</summary>
public sealed class JwtLibraryCrossCheckTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(600, true)]
    [InlineData(601, false)]
    public async Task Library_accepts_our_token_exactly_while_we_do(long secondsLater, bool valid)
    {
        var options = TokenTestKit.Options();
        options.TokenLifetime = TimeSpan.FromMinutes(10);
        var token = KegResetTokens.Generate(TokenTestKit.User, TokenTestKit.Salt, options);
        TokenTestKit.SetTime(options, TokenTestKit.Now + secondsLater);

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, Parameters(options));

        Assert.Equal(valid, result.IsValid);
        Assert.Equal(valid, KegResetTokens.Verify(token, TokenTestKit.User, TokenTestKit.Salt, options));
        if (valid)
        {
            // The library hands back small JSON integers as int.
            Assert.Equal(TokenTestKit.UserId, Convert.ToInt64(result.Claims["user_id"], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Library_rejects_our_token_under_another_salt()
    {
        var options = TokenTestKit.Options();
        var token = KegResetTokens.Generate(TokenTestKit.User, TokenTestKit.Salt, options);
        var parameters = Parameters(options, KegResetTokens.GetSignature("[\"other\"]", options));
        Assert.False((await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters)).IsValid);
    }

    [Fact]
    public void Library_token_with_integer_id_verifies_with_ours()
    {
        var options = TokenTestKit.Options();
        var token = LibraryToken(options, TokenTestKit.UserId);
        Assert.True(KegResetTokens.Verify(token, TokenTestKit.User, TokenTestKit.Salt, options));
        Assert.False(KegResetTokens.Verify(token, KegTokenUserId.FromInt64(TokenTestKit.UserId + 1), TokenTestKit.Salt, options));
        Assert.False(KegResetTokens.Verify(token, KegTokenUserId.FromString("42"), TokenTestKit.Salt, options));
    }

    [Fact]
    public void Library_token_with_guid_id_verifies_with_ours()
    {
        var options = TokenTestKit.Options();
        var id = Guid.NewGuid().ToString();
        var token = LibraryToken(options, id);
        Assert.True(KegResetTokens.Verify(token, KegTokenUserId.FromString(id), TokenTestKit.Salt, options));
    }

    [Fact]
    public void Library_token_expires_for_us_after_its_exp_second()
    {
        var options = TokenTestKit.Options();
        var token = LibraryToken(options, TokenTestKit.UserId);
        TokenTestKit.SetTime(options, TokenTestKit.Now + 600);
        Assert.True(KegResetTokens.Verify(token, TokenTestKit.User, TokenTestKit.Salt, options));
        TokenTestKit.SetTime(options, TokenTestKit.Now + 601);
        Assert.False(KegResetTokens.Verify(token, TokenTestKit.User, TokenTestKit.Salt, options));
    }

    [Fact]
    public void Library_hs256_token_with_the_right_key_is_rejected()
    {
        var options = TokenTestKit.Options();
        var token = LibraryToken(options, TokenTestKit.UserId, SecurityAlgorithms.HmacSha256);
        Assert.False(KegResetTokens.Verify(token, TokenTestKit.User, TokenTestKit.Salt, options));
    }

    /// <summary>The same claims keg-auth issues (plus the library's own nbf), ten minutes long, signed by the library.</summary>
    private static string LibraryToken(KegAuthOptions options, object userId, string algorithm = SecurityAlgorithms.HmacSha512)
    {
        var now = options.TimeProvider.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["user_id"] = userId },
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(KegResetTokens.GetSignature(TokenTestKit.Salt, options)), algorithm),
        });
    }

    private static TokenValidationParameters Parameters(KegAuthOptions options, byte[]? key = null) => new()
    {
        IssuerSigningKey = new SymmetricSecurityKey(key ?? KegResetTokens.GetSignature(TokenTestKit.Salt, options)),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha512],
        ValidateIssuer = false,
        ValidateAudience = false,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        ClockSkew = TimeSpan.Zero,

        // The library's TimeProvider hook is not public in 8.23, so the fake clock comes in through
        // the lifetime delegate, with the library's own rule: expired when exp < now, early when nbf > now.
        LifetimeValidator = (notBefore, expires, _, _) =>
        {
            var now = options.TimeProvider.GetUtcNow().UtcDateTime;
            return expires is { } exp && exp >= now && (notBefore is not { } nbf || nbf <= now);
        },
    };
}
