using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Xunit;
using static KegAuth.Tests.Tokens.TokenTestKit;

namespace KegAuth.Tests.Tokens;

/// <summary>
/// Bad input, one case each: false, never an exception. Where a case is about one part of the
/// token, the token is correctly signed with the right key so only that part is wrong.
/// </summary>
public sealed class MalformedTokenTests
{
    private const string LegacyCase = "legacy token when not allowed";

    private static readonly string Valid = Sign(Header, Payload());

    private static readonly Dictionary<string, Func<string?>> Cases = new()
    {
        // Shape
        ["null"] = () => null,
        ["empty"] = () => "",
        ["whitespace"] = () => "   ",
        ["one segment"] = () => Valid.Split('.')[0],
        ["two segments"] = () => string.Join('.', Valid.Split('.')[..2]),
        ["four segments"] = () => Valid + "." + Valid.Split('.')[2],
        ["empty header"] = () => SignRaw("", B64(Payload()), CurrentKey()),
        ["empty payload"] = () => SignRaw(B64(Header), "", CurrentKey()),
        ["empty signature"] = () => string.Join('.', Valid.Split('.')[..2]) + ".",
        ["leading whitespace"] = () => " " + Valid,
        ["trailing newline"] = () => Valid + "\n",
        ["space inside payload"] = () => Valid.Insert(Valid.IndexOf('.') + 5, " "),
        ["non-ascii char"] = () => Valid.Insert(Valid.IndexOf('.') + 5, "é"),

        // Base64url
        ["standard base64 chars"] = () => SignRaw(B64(Header), B64(Payload()).Replace('_', '/').Replace('-', '+') + "+/", CurrentKey()),
        ["invalid base64url char"] = () => SignRaw(B64(Header) + "*", B64(Payload()), CurrentKey()),
        ["base64url length of 4n+1"] = () => SignRaw(B64(Header) + "A", B64(Payload()), CurrentKey()),
        ["padding on payload"] = () => SignRaw(B64(Header), PaddedPayload(), CurrentKey()),
        ["padding on signature"] = () => Valid + "==",
        ["signature one char short"] = () => Valid[..^1],
        ["signature one char long"] = () => Valid + "A",
        ["signature from another secret"] = () => SignRaw(B64(Header), B64(Payload()), CurrentKey(secret: "other")),
        ["signature bit flipped"] = () => Valid[..^2] + (Valid[^2] == 'A' ? 'B' : 'A') + Valid[^1],

        // Header
        ["header not json"] = () => Sign("not json", Payload()),
        ["header json array"] = () => Sign("""["alg","HS512"]""", Payload()),
        ["header json string"] = () => Sign("\"HS512\"", Payload()),
        ["header truncated json"] = () => Sign("""{"alg":"HS512" """, Payload()),
        ["header trailing data"] = () => Sign(Header + "x", Payload()),
        ["header two objects"] = () => Sign(Header + Header, Payload()),
        ["header with comment"] = () => Sign("""{"alg":"HS512"/*x*/}""", Payload()),
        ["header trailing comma"] = () => Sign("""{"alg":"HS512",}""", Payload()),
        ["alg none"] = () => Sign("""{"alg":"none","typ":"JWT"}""", Payload()),
        ["alg HS256"] = () => Sign("""{"alg":"HS256","typ":"JWT"}""", Payload()),
        ["alg RS256"] = () => Sign("""{"alg":"RS256","typ":"JWT"}""", Payload()),
        ["alg hs512 lowercase"] = () => Sign("""{"alg":"hs512","typ":"JWT"}""", Payload()),
        ["alg HS512 with space"] = () => Sign("""{"alg":"HS512 ","typ":"JWT"}""", Payload()),
        ["alg missing"] = () => Sign("""{"typ":"JWT"}""", Payload()),
        ["alg null"] = () => Sign("""{"alg":null,"typ":"JWT"}""", Payload()),
        ["alg array"] = () => Sign("""{"alg":["HS512"],"typ":"JWT"}""", Payload()),
        ["alg repeated"] = () => Sign("""{"alg":"HS512","alg":"none"}""", Payload()),
        ["real HS256 signature"] = () => SignHs256("""{"alg":"HS256","typ":"JWT"}""", Payload()),

        // Times
        ["iat missing"] = () => Sign(Header, """{"user_id":42,"exp":1700000600}"""),
        ["exp missing"] = () => Sign(Header, """{"user_id":42,"iat":1699999000}"""),
        ["exp string"] = () => Sign(Header, Payload(exp: "\"1700000600\"")),
        ["exp null"] = () => Sign(Header, Payload(exp: "null")),
        ["exp true"] = () => Sign(Header, Payload(exp: "true")),
        ["exp object"] = () => Sign(Header, Payload(exp: "{}")),
        ["exp float in the past"] = () => Sign(Header, Payload(exp: "1699999999.5")),
        ["exp one second past"] = () => Sign(Header, Payload(exp: "1699999999")),
        ["exp 1e300"] = () => Sign(Header, Payload(exp: "1e300")),
        ["exp 1e400 overflows double"] = () => Sign(Header, Payload(exp: "1e400")),
        ["exp huge integer"] = () => Sign(Header, Payload(exp: "123456789012345678901234567890")),
        ["exp after year 9999"] = () => Sign(Header, Payload(exp: "253402300800")),
        ["exp negative"] = () => Sign(Header, Payload(exp: "-1700000600")),
        ["exp repeated"] = () => Sign(Header, """{"user_id":42,"iat":1699999000,"exp":1,"exp":1700000600}"""),
        ["iat string"] = () => Sign(Header, Payload(iat: "\"1699999000\"")),
        ["iat null"] = () => Sign(Header, Payload(iat: "null")),
        ["iat false"] = () => Sign(Header, Payload(iat: "false")),
        ["iat 1e400 overflows double"] = () => Sign(Header, Payload(iat: "1e400")),
        ["nbf in the future"] = () => Sign(Header, """{"user_id":42,"iat":1699999000,"exp":1700000600,"nbf":1700000001}"""),
        ["nbf string"] = () => Sign(Header, """{"user_id":42,"iat":1699999000,"exp":1700000600,"nbf":"0"}"""),
        ["times only in header"] = () => Sign("""{"alg":"HS512","iat":1699999000,"exp":1700000600}""", """{"user_id":42}"""),

        // user_id (the expected id is the integer 42)
        ["user_id missing"] = () => Sign(Header, """{"iat":1699999000,"exp":1700000600}"""),
        ["user_id as string"] = () => Sign(Header, Payload(userId: "\"42\"")),
        ["user_id as float"] = () => Sign(Header, Payload(userId: "42.0")),
        ["user_id as exponent"] = () => Sign(Header, Payload(userId: "4.2e1")),
        ["user_id as array"] = () => Sign(Header, Payload(userId: "[42]")),
        ["user_id as object"] = () => Sign(Header, Payload(userId: """{"id":42}""")),
        ["user_id null"] = () => Sign(Header, Payload(userId: "null")),
        ["user_id true"] = () => Sign(Header, Payload(userId: "true")),
        ["user_id other"] = () => Sign(Header, Payload(userId: "43")),
        ["user_id beyond long"] = () => Sign(Header, Payload(userId: "18446744073709551658")),
        ["user_id repeated"] = () => Sign(Header, """{"user_id":42,"user_id":43,"iat":1699999000,"exp":1700000600}"""),

        // Payload
        ["payload not json"] = () => Sign(Header, "user_id=42"),
        ["payload json array"] = () => Sign(Header, "[42,1699999000,1700000600]"),
        ["payload trailing data"] = () => Sign(Header, Payload() + "]"),
        ["payload invalid utf-8"] = () => SignRaw(B64(Header), Base64Url.EncodeToString([.. Encoding.UTF8.GetBytes(Payload()[..^1]), .. ",\"x\":\""u8, 0xFF, (byte)'"', (byte)'}']), CurrentKey()),
        ["deep nesting in payload"] = () => Sign(Header, Payload()[..^1] + ",\"x\":" + new string('[', 10_000) + new string(']', 10_000) + "}"),
        ["nesting beyond depth limit"] = () => Sign(Header, Payload()[..^1] + ",\"x\":" + new string('[', 17) + new string(']', 17) + "}"),
        ["100 KB token"] = () => Sign(Header, Payload()[..^1] + ",\"pad\":\"" + new string('a', 100 * 1024) + "\"}"),
        ["just over 8 KB"] = () => SizedToken(8 * 1024, over: true),

        // Legacy layout without AllowLegacyTokens
        [LegacyCase] = () => SignLegacy("""{"alg":"HS512","iat":1699999000,"exp":1700000600}""", """{"user_id":42}"""),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Bad_token_is_false_without_exception(string name)
    {
        var token = Cases[name]();
        Assert.False(Verify(token));
        if (name != LegacyCase)
        {
            Assert.False(Verify(token, Options(allowLegacy: true)));
        }
    }

    [Fact]
    public void Control_the_hand_signed_valid_token_verifies()
    {
        // Proves the cases above fail for their one defect, not for the way they are signed.
        Assert.True(Verify(Valid));
        Assert.True(Verify(Sign("""{"typ":"JWT","alg":"HS512","kid":"x"}""", Payload())));
    }

    [Fact]
    public void Unknown_claims_including_nested_ones_within_the_limit_are_ignored()
    {
        var payload = Payload()[..^1] + ",\"x\":" + new string('[', 14) + new string(']', 14) + ",\"y\":{\"z\":null}}";
        Assert.True(Verify(Sign(Header, payload)));
    }

    [Fact]
    public void Floating_exp_is_valid_through_its_value()
    {
        Assert.True(Verify(Sign(Header, Payload(exp: "1700000000.5"))));
        Assert.True(Verify(Sign(Header, Payload(iat: "1699999000.25"))));
    }

    [Fact]
    public void Escaped_but_equal_json_text_still_matches()
    {
        // JSON equality is after unescaping: "HS\u0035\u0031\u0032" is "HS512".
        Assert.True(Verify(Sign("""{"alg":"HS\u0035\u0031\u0032"}""", """{"user_\u0069d":42,"iat":1699999000,"exp":1700000600}""")));
    }

    [Fact]
    public void A_token_at_the_length_limit_still_verifies()
    {
        var token = SizedToken(8 * 1024, over: false);
        Assert.InRange(token.Length, (8 * 1024) - 3, 8 * 1024);
        Assert.True(Verify(token));
    }

    [Fact]
    public void Random_corruption_never_throws()
    {
        var random = new Random(1234);
        var alphabet = "ABCXYZabcxyz0129-_.={}\"[]:,é ";
        for (var i = 0; i < 2000; i++)
        {
            var chars = Valid.ToCharArray();
            chars[random.Next(chars.Length)] = alphabet[random.Next(alphabet.Length)];
            var corrupted = new string(chars);
            Assert.Equal(corrupted == Valid, Verify(corrupted));
        }

        for (var i = 0; i < 2000; i++)
        {
            // Corrupt the JSON itself and re-sign, so the parser sees it.
            var json = Payload().ToCharArray();
            json[random.Next(json.Length)] = alphabet[random.Next(alphabet.Length)];
            _ = Verify(Sign(Header, new string(json)));
        }
    }

    /// <summary>
    /// The first correctly signed token (padded with an unknown claim) longer than
    /// <paramref name="length"/> chars when <paramref name="over"/>, else the last one not longer.
    /// </summary>
    private static string SizedToken(int length, bool over)
    {
        string? previous = null;
        for (var padding = (length * 3 / 4) - 200; ; padding++)
        {
            var token = Sign(Header, Payload()[..^1] + ",\"pad\":\"" + new string('a', padding) + "\"}");
            if (token.Length > length)
            {
                return over ? token : previous!;
            }

            previous = token;
        }
    }

    private static string PaddedPayload()
    {
        // Pick a payload whose base64 needs padding, then keep the padding.
        var payload = Payload();
        while (Encoding.UTF8.GetByteCount(payload) % 3 == 0)
        {
            payload += " ";
        }

        return Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).Replace('+', '-').Replace('/', '_');
    }

    private static string SignHs256(string headerJson, string payloadJson)
    {
        var input = B64(headerJson) + "." + B64(payloadJson);
        return input + "." + Base64Url.EncodeToString(HMACSHA256.HashData(CurrentKey(), Encoding.ASCII.GetBytes(input)));
    }
}
