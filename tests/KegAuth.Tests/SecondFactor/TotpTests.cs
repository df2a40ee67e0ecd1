using System.Text;
using Xunit;

namespace KegAuth.Tests.SecondFactor;

/// <summary>KegTotp against RFC 6238's own test vectors, and its verification rules: skew, replay, bad input.</summary>
public sealed class TotpTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    // RFC 6238 Appendix B: time, then the 8-digit codes for SHA-1, SHA-256 and SHA-512.
    public static TheoryData<long, string, string, string> Rfc6238Vectors => new()
    {
        { 59, "94287082", "46119246", "90693936" },
        { 1111111109, "07081804", "68084774", "25091201" },
        { 1111111111, "14050471", "67062674", "99943326" },
        { 1234567890, "89005924", "91819424", "93441116" },
        { 2000000000, "69279037", "90698825", "38618901" },
        { 20000000000, "65353130", "77737706", "47863826" },
    };

    [Theory]
    [MemberData(nameof(Rfc6238Vectors))]
    public void Rfc6238_vectors(long unixTime, string sha1, string sha256, string sha512)
    {
        var step = KegTotp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixTime));

        Assert.Equal(sha1, KegTotp.Compute(Sha1Seed, step, 8));
        Assert.Equal(sha256, KegTotp.Compute(Sha256Seed, step, 8, KegTotpAlgorithm.Sha256));
        Assert.Equal(sha512, KegTotp.Compute(Sha512Seed, step, 8, KegTotpAlgorithm.Sha512));
        // Six digits are the last six of the eight (the same truncation, a smaller modulus).
        Assert.Equal(sha1[2..], KegTotp.Compute(Sha1Seed, step));
    }

    [Theory]
    [InlineData(0, 0L)]
    [InlineData(29, 0L)]
    [InlineData(30, 1L)]
    [InlineData(59, 1L)]
    [InlineData(1111111109, 37037036L)]
    public void Steps_are_whole_periods_since_the_epoch(long unixTime, long step)
        => Assert.Equal(step, KegTotp.StepAt(DateTimeOffset.FromUnixTimeSeconds(unixTime)));

    [Fact]
    public void The_current_step_and_one_either_side_verify_and_no_further()
    {
        var secret = KegTotp.NewSecret();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);
        var step = KegTotp.StepAt(now);

        Assert.Equal(step, KegTotp.Verify(secret, KegTotp.Compute(secret, step), now, null));
        Assert.Equal(step - 1, KegTotp.Verify(secret, KegTotp.Compute(secret, step - 1), now, null));
        Assert.Equal(step + 1, KegTotp.Verify(secret, KegTotp.Compute(secret, step + 1), now, null));
        Assert.Null(KegTotp.Verify(secret, KegTotp.Compute(secret, step - 2), now, null));
        Assert.Null(KegTotp.Verify(secret, KegTotp.Compute(secret, step + 2), now, null));
    }

    [Fact]
    public void A_code_is_accepted_once_and_no_earlier_step_after_it()
    {
        var secret = KegTotp.NewSecret();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);
        var step = KegTotp.StepAt(now);
        var code = KegTotp.Compute(secret, step);

        var accepted = KegTotp.Verify(secret, code, now, lastAcceptedStep: null);

        Assert.Equal(step, accepted);
        Assert.Null(KegTotp.Verify(secret, code, now, accepted));
        Assert.Null(KegTotp.Verify(secret, KegTotp.Compute(secret, step - 1), now, accepted));
        Assert.Equal(step + 1, KegTotp.Verify(secret, KegTotp.Compute(secret, step + 1), now, accepted));
    }

    [Fact]
    public void A_code_matching_an_old_step_and_the_next_one_takes_the_next()
    {
        // The same six digits in two steps is a 1-in-a-million coincidence; the rule must still pick
        // the step after the last accepted one, not refuse because the first match was a replay.
        var secret = KegTotp.NewSecret();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);
        var step = KegTotp.StepAt(now);

        Assert.Equal(step, KegTotp.Verify(secret, KegTotp.Compute(secret, step), now, lastAcceptedStep: step - 1));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345a")]
    [InlineData("１２３４５６")] // full-width digits
    [InlineData("123\u0000456")]
    [InlineData("+12345")]
    [InlineData("-12345")]
    public void Malformed_codes_are_refused_without_throwing(string? code)
        => Assert.Null(KegTotp.Verify(KegTotp.NewSecret(), code, DateTimeOffset.UtcNow, null));

    [Fact]
    public void Spaces_as_apps_show_them_are_ignored_and_huge_input_is_refused()
    {
        var secret = KegTotp.NewSecret();
        var now = DateTimeOffset.UtcNow;
        var code = KegTotp.Compute(secret, KegTotp.StepAt(now));

        Assert.NotNull(KegTotp.Verify(secret, code[..3] + " " + code[3..], now, null));
        Assert.Null(KegTotp.Verify(secret, new string(' ', 1_000_000) + code, now, null));
    }

    [Fact]
    public void An_empty_secret_verifies_nothing()
        => Assert.Null(KegTotp.Verify([], KegTotp.Compute([0], 1), DateTimeOffset.UtcNow, null));

    [Fact]
    public void Another_secret_does_not_verify()
    {
        var now = DateTimeOffset.UtcNow;
        var code = KegTotp.Compute(KegTotp.NewSecret(), KegTotp.StepAt(now));

        Assert.Null(KegTotp.Verify(KegTotp.NewSecret(), code, now, null));
    }

    [Fact]
    public void Secrets_are_160_random_bits_and_round_trip_through_base32()
    {
        var secret = KegTotp.NewSecret();

        Assert.Equal(20, secret.Length);
        Assert.NotEqual(secret, KegTotp.NewSecret());
        var text = KegTotp.EncodeSecret(secret);
        Assert.Equal(32, text.Length);
        Assert.True(KegTotp.TryDecodeSecret(text.ToLowerInvariant(), out var back));
        Assert.Equal(secret, back);
    }

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_matches_RFC_4648(string plain, string encoded)
    {
        Assert.Equal(encoded, KegTotp.EncodeSecret(Encoding.ASCII.GetBytes(plain)));
        Assert.True(Base32.TryDecode(encoded + new string('=', (8 - (encoded.Length % 8)) % 8), out var decoded));
        Assert.Equal(plain, Encoding.ASCII.GetString(decoded));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("MZXW1")] // 1 is not base32
    [InlineData("MZ=XW")] // data after padding
    [InlineData("MZXWı")] // dotless i upper-cases to I
    public void Bad_secrets_are_refused(string? text) => Assert.False(KegTotp.TryDecodeSecret(text, out _));

    [Fact]
    public void The_otpauth_uri_is_what_authenticator_apps_read()
    {
        var secret = Encoding.ASCII.GetBytes("12345678901234567890");

        var uri = KegTotp.OtpAuthUri("Keg App", "ada@example.com", secret);

        Assert.Equal("otpauth://totp/Keg%20App:ada%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Keg%20App&algorithm=SHA1&digits=6&period=30", uri);
        Assert.Throws<ArgumentException>(() => KegTotp.OtpAuthUri("a:b", "ada", secret));
        Assert.Throws<ArgumentException>(() => KegTotp.OtpAuthUri("", "ada", secret));
        Assert.Throws<ArgumentException>(() => KegTotp.OtpAuthUri("app", "", secret));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    public void Compute_refuses_digit_counts_outside_6_to_8(int digits)
        => Assert.Throws<ArgumentOutOfRangeException>(() => KegTotp.Compute(Sha1Seed, 1, digits));
}
