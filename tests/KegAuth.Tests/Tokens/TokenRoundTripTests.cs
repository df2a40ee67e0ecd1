using System.Buffers.Text;
using System.Text;
using KegAuth.Infrastructure;
using Xunit;

namespace KegAuth.Tests.Tokens;

/// <summary>Tokens from <see cref="KegResetTokens.Generate"/>: layout, lifetime and user ids.</summary>
public sealed class TokenRoundTripTests
{
    [Fact]
    public void Generated_token_verifies()
    {
        var options = TokenTestKit.Options();
        var token = KegResetTokens.Generate(TokenTestKit.User, TokenTestKit.Salt, options);
        Assert.True(KegResetTokens.Verify(token, TokenTestKit.User, TokenTestKit.Salt, options));
    }

    [Fact]
    public void Generated_token_has_keg_auths_layout()
    {
        var options = TokenTestKit.Options();
        options.TokenLifetime = TimeSpan.FromMinutes(10);
        var parts = KegResetTokens.Generate(TokenTestKit.User, TokenTestKit.Salt, options).Split('.');

        Assert.Equal(3, parts.Length);
        Assert.Equal("""{"alg":"HS512","typ":"JWT"}""", Decode(parts[0]));
        Assert.Equal($$"""{"user_id":42,"iat":{{TokenTestKit.Now}},"exp":{{TokenTestKit.Now + 600}}}""", Decode(parts[1]));
        Assert.Equal(86, parts[2].Length);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(598, true)]
    [InlineData(600, true)]
    [InlineData(601, false)]
    public void Ten_minute_token_expires_after_its_last_second(long secondsLater, bool valid)
    {
        var options = TokenTestKit.Options();
        options.TokenLifetime = TimeSpan.FromMinutes(10);
        var token = KegResetTokens.Generate(TokenTestKit.User, TokenTestKit.Salt, options);

        TokenTestKit.SetTime(options, TokenTestKit.Now + secondsLater);
        Assert.Equal(valid, KegResetTokens.Verify(token, TokenTestKit.User, TokenTestKit.Salt, options));
    }

    [Fact]
    public void Fractional_seconds_of_the_clock_and_lifetime_are_dropped()
    {
        var clock = TokenTestKit.Clock(TokenTestKit.Now);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        var options = new KegAuthOptions { SecretKey = TokenTestKit.Secret, TimeProvider = clock, TokenLifetime = TimeSpan.FromSeconds(60.9) };
        var payload = Decode(KegResetTokens.Generate(TokenTestKit.User, TokenTestKit.Salt, options).Split('.')[1]);
        Assert.Equal($$"""{"user_id":42,"iat":{{TokenTestKit.Now}},"exp":{{TokenTestKit.Now + 60}}}""", payload);
    }

    [Fact]
    public void Guid_string_id_round_trips()
    {
        var options = TokenTestKit.Options();
        var id = KegTokenUserId.FromString(Guid.NewGuid().ToString());
        var token = KegResetTokens.Generate(id, TokenTestKit.Salt, options);
        Assert.True(KegResetTokens.Verify(token, id, TokenTestKit.Salt, options));
        Assert.False(KegResetTokens.Verify(token, KegTokenUserId.FromString(Guid.NewGuid().ToString()), TokenTestKit.Salt, options));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("quote\"and\\slash/")]
    [InlineData("zoë 😀 \u0001")]
    public void String_ids_needing_escapes_round_trip_and_are_ascii_json(string raw)
    {
        var options = TokenTestKit.Options();
        var id = KegTokenUserId.FromString(raw);
        var token = KegResetTokens.Generate(id, TokenTestKit.Salt, options);
        Assert.True(KegResetTokens.Verify(token, id, TokenTestKit.Salt, options));
        Assert.False(KegResetTokens.Verify(token, KegTokenUserId.FromString(raw.ToUpperInvariant() + "x"), TokenTestKit.Salt, options));
        Assert.True(Ascii.IsValid(Decode(token.Split('.')[1])));
    }

    [Fact]
    public void Integer_and_string_ids_never_match_each_other()
    {
        var options = TokenTestKit.Options();
        var integer = KegTokenUserId.FromInt64(123);
        var text = KegTokenUserId.FromString("123");

        Assert.False(KegResetTokens.Verify(KegResetTokens.Generate(integer, TokenTestKit.Salt, options), text, TokenTestKit.Salt, options));
        Assert.False(KegResetTokens.Verify(KegResetTokens.Generate(text, TokenTestKit.Salt, options), integer, TokenTestKit.Salt, options));
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(0L)]
    public void Extreme_integer_ids_round_trip(long raw)
    {
        var options = TokenTestKit.Options();
        var id = KegTokenUserId.FromInt64(raw);
        var token = KegResetTokens.Generate(id, TokenTestKit.Salt, options);
        Assert.True(KegResetTokens.Verify(token, id, TokenTestKit.Salt, options));
    }

    [Fact]
    public void Signature_is_the_documented_key()
    {
        Assert.Equal(TokenTestKit.CurrentKey(), KegResetTokens.GetSignature(TokenTestKit.Salt, TokenTestKit.Options()));
    }

    [Fact]
    public void Long_salt_uses_the_pooled_path_and_still_matches()
    {
        var salt = KegResetTokens.BuildSalt(new string('é', 3000), true, null, null);
        var options = TokenTestKit.Options();
        Assert.Equal(TokenTestKit.CurrentKey(salt), KegResetTokens.GetSignature(salt, options));
        Assert.True(KegResetTokens.Verify(KegResetTokens.Generate(TokenTestKit.User, salt, options), TokenTestKit.User, salt, options));
    }

    [Fact]
    public void Empty_secret_cannot_issue_and_verifies_nothing()
    {
        var options = TokenTestKit.Options(secret: " ");
        Assert.Throws<KegAuthOptionsException>(() => KegResetTokens.Generate(TokenTestKit.User, TokenTestKit.Salt, options));
        Assert.Throws<KegAuthOptionsException>(() => KegResetTokens.GetSignature(TokenTestKit.Salt, options));

        var token = TokenTestKit.SignRaw(
            TokenTestKit.B64(TokenTestKit.Header), TokenTestKit.B64(TokenTestKit.Payload()), TokenTestKit.CurrentKey(secret: " "));
        Assert.False(KegResetTokens.Verify(token, TokenTestKit.User, TokenTestKit.Salt, options));
    }

    [Fact]
    public void Null_salt_or_options_are_caller_errors()
    {
        Assert.Throws<ArgumentNullException>(() => KegResetTokens.Verify("x", TokenTestKit.User, null!, TokenTestKit.Options()));
        Assert.Throws<ArgumentNullException>(() => KegResetTokens.Verify("x", TokenTestKit.User, TokenTestKit.Salt, null!));
        Assert.Throws<ArgumentNullException>(() => KegResetTokens.Generate(TokenTestKit.User, TokenTestKit.Salt, null!));
    }

    private static string Decode(string segment) => Encoding.UTF8.GetString(Base64Url.DecodeFromChars(segment));
}
