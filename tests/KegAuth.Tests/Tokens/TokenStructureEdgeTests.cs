using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using KegAuth.Infrastructure;
using Xunit;
using static KegAuth.Tests.Tokens.TokenTestKit;

namespace KegAuth.Tests.Tokens;

/// <summary>
/// The verifier's structural checks at their exact edges. Every bad token here is correctly signed
/// with the right key, so only the structural rule under test can refuse it.
/// </summary>
public sealed class TokenStructureEdgeTests
{
    private const string LegacyHeader = """{"alg":"HS512","iat":1699999000,"exp":1700000600,"typ":"JWT"}""";

    [Fact]
    public void A_signed_payload_that_is_not_base64url_is_refused()
    {
        // A segment of 4n+1 characters cannot come from whole bytes, so the decoder fails on it.
        var payload = B64(PayloadOfByteLengthMultipleOf3()) + "A";
        Assert.Equal(1, payload.Length % 4);
        var token = SignRaw(B64(Header), payload, CurrentKey());

        Assert.False(Verify(token));
        Assert.False(Verify(token, Options(allowLegacy: true)));
    }

    [Fact]
    public void A_signed_legacy_payload_that_is_not_base64url_is_refused()
    {
        var payload = B64(""" {"user_id":42}""") + "A";
        Assert.Equal(1, payload.Length % 4);
        Assert.False(Verify(SignRaw(B64(LegacyHeader), payload, LegacyKey()), Options(allowLegacy: true)));
    }

    [Fact]
    public void Control_the_same_construction_without_the_defect_verifies()
    {
        Assert.True(Verify(SignRaw(B64(Header), B64(PayloadOfByteLengthMultipleOf3()), CurrentKey())));
        Assert.True(Verify(SignRaw(B64(LegacyHeader), B64(""" {"user_id":42}"""), LegacyKey()), Options(allowLegacy: true)));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\t")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Whitespace_at_the_very_first_character_is_refused_even_when_signed(string whitespace)
    {
        // The base64 decoder skips whitespace, so only the alphabet check (from index 0) refuses this.
        var token = SignRaw(whitespace + B64(Header), B64(Payload()), CurrentKey());
        Assert.False(Verify(token));
        Assert.False(Verify(token, Options(allowLegacy: true)));
    }

    [Fact]
    public void Whitespace_at_the_start_of_a_signed_payload_segment_is_refused()
    {
        Assert.False(Verify(SignRaw(B64(Header), " " + B64(Payload()), CurrentKey())));
    }

    [Fact]
    public void A_signed_token_with_an_empty_or_missing_segment_is_refused()
    {
        var key = CurrentKey();
        Assert.False(Verify(SignRaw("", B64(Payload()), key)));
        Assert.False(Verify(SignRaw(B64(Header), "", key)));

        // Two segments, the second a valid signature of the first: first dot and last dot coincide.
        var header = B64(Header);
        var twoSegments = header + "." + Base64Url.EncodeToString(HMACSHA512.HashData(key, Encoding.ASCII.GetBytes(header)));
        Assert.Equal(1, twoSegments.Count(c => c == '.'));
        Assert.False(Verify(twoSegments));
    }

    [Fact]
    public void A_token_of_exactly_the_length_limit_verifies()
    {
        var token = TokenOfLength(TokenVerifierLimit);
        Assert.Equal(TokenVerifierLimit, token.Length);
        Assert.True(Verify(token));
    }

    [Fact]
    public void The_shortest_correctly_signed_token_over_the_limit_is_refused()
    {
        // An unpadded segment is never 4n+1 long, so the next length that can be signed is limit + 2.
        var token = TokenOfLength(TokenVerifierLimit + 2);
        Assert.Equal(TokenVerifierLimit + 2, token.Length);
        Assert.False(Verify(token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void A_blank_secret_verifies_nothing_not_even_a_token_signed_with_it(string secret)
    {
        var token = SignRaw(B64(Header), B64(Payload()), CurrentKey(secret: secret));
        // Even with short keys allowed (the keg-auth opt-in), a blank one is refused.
        Assert.False(Verify(token, Options(secret: secret, allowShortSecret: true)));
        Assert.False(Verify(token, Options(secret: secret, allowLegacy: true, allowShortSecret: true)));
        Assert.Throws<KegAuthOptionsException>(() => KegResetTokens.Generate(User, Salt, Options(secret: secret, allowShortSecret: true)));
    }

    [Fact]
    public void Control_a_short_non_blank_secret_works()
    {
        Assert.True(Verify(SignRaw(B64(Header), B64(Payload()), CurrentKey(secret: " x ")), Options(secret: " x ", allowShortSecret: true)));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("[42]")]
    [InlineData("\"42\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("[{\"user_id\":42}]")]
    public void A_legacy_token_whose_payload_is_not_an_object_is_refused(string payload)
    {
        // The times are in the header, so nothing but the object check stops these.
        Assert.False(Verify(SignLegacy(LegacyHeader, payload), Options(allowLegacy: true)));
    }

    [Theory]
    [InlineData("42")]
    [InlineData("[42]")]
    [InlineData("null")]
    public void A_legacy_token_whose_header_is_not_an_object_is_refused(string header)
    {
        Assert.False(Verify(SignLegacy(header, """{"user_id":42}"""), Options(allowLegacy: true)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_token_over_one_kilobyte_goes_back_to_the_pool_cleared(bool validSignature)
    {
        var marker = "Q7unmistakableZ9";
        var valid = Sign(Header, Payload()[..^1] + ",\"pad\":\"" + string.Concat(Enumerable.Repeat(marker, 80)) + "\"}");
        var token = validSignature ? valid : valid[..^2] + (valid[^2] == 'A' ? "BA" : "AA");
        Assert.InRange(token.Length, 1500, 2500);
        Assert.Equal(validSignature, Verify(token));

        // The verifier rents signing input plus decoded header and payload; on this thread the
        // shared pool hands that same array straight back.
        var firstDot = token.IndexOf('.');
        var lastDot = token.LastIndexOf('.');
        var scratch = lastDot + Base64Url.GetMaxDecodedLength(firstDot) + Base64Url.GetMaxDecodedLength(lastDot - firstDot - 1);
        var probe = ArrayPool<byte>.Shared.Rent(scratch);
        try
        {
            Assert.True(probe.AsSpan().IndexOf(Encoding.ASCII.GetBytes(token[..40])) < 0, "the token text is still in the pooled buffer");
            Assert.True(probe.AsSpan().IndexOf(Encoding.ASCII.GetBytes(marker)) < 0, "the decoded payload is still in the pooled buffer");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(probe);
        }
    }

    private const int TokenVerifierLimit = 8 * 1024;

    /// <summary>A valid payload whose UTF-8 length is a multiple of 3, so its base64url has no partial group.</summary>
    private static string PayloadOfByteLengthMultipleOf3()
    {
        var payload = Payload();
        while (Encoding.UTF8.GetByteCount(payload) % 3 != 0)
        {
            payload = " " + payload;
        }

        return payload;
    }

    /// <summary>A correctly signed, otherwise valid token of exactly <paramref name="length"/> characters.</summary>
    private static string TokenOfLength(int length)
    {
        var fixedPart = B64(Header).Length + 1 + 1 + 86;
        for (var padding = 0; ; padding++)
        {
            var payload = Payload()[..^1] + ",\"pad\":\"" + new string('a', padding) + "\"}";
            var total = fixedPart + B64(payload).Length;
            if (total == length)
            {
                return Sign(Header, payload);
            }

            if (total > length + 3)
            {
                throw new InvalidOperationException($"No token of length {length}.");
            }

            if (total < length - 100)
            {
                padding += ((length - 100 - total) * 3 / 4) - 1;
            }
        }
    }
}
