using System.Globalization;
using CsCheck;

namespace KegAuth.Tests.Properties;

/// <summary>
/// One JSON value for a claim, with the answer the documented rules give: is a token carrying it
/// (everything else valid) accepted for an integer user id 42, and for the string user id "42"?
/// The model is the oracle: the JSON is built from it, never parsed to decide.
/// </summary>
/// <param name="Json">The value's JSON text; null leaves the claim out.</param>
/// <param name="ForInteger">Accepted when the user id is the integer 42.</param>
/// <param name="ForString">Accepted when the user id is the string "42".</param>
internal sealed record ClaimValue(string? Json, bool ForInteger, bool ForString)
{
    public static ClaimValue Both(string? json, bool valid) => new(json, valid, valid);

    public override string ToString() => Json ?? "(missing)";
}

/// <summary>A whole token's claims, each part chosen from good and bad values.</summary>
internal sealed record ClaimCase(
    ClaimValue Alg,
    bool DuplicateAlg,
    ClaimValue UserId,
    bool DuplicateUserId,
    ClaimValue Iat,
    ClaimValue Exp,
    bool DuplicateExp,
    ClaimValue Nbf,
    int Nesting,
    int Padding)
{
    /// <summary>The fake clock's time during verification.</summary>
    public const long Now = 1_700_000_000;

    /// <summary>The reader's nesting limit is 16; depths on both sides, never at the edge itself.</summary>
    private static readonly int[] Nestings = [0, 1, 5, 14, 17, 40, 5_000];

    public static readonly Gen<ClaimValue> Algs = Gen.OneOf(
        ClaimValue.Both("\"HS512\"", true),
        ClaimValue.Both("\"HS\\u0035\\u0031\\u0032\"", true),
        ClaimValue.Both("\"none\"", false),
        ClaimValue.Both("\"HS256\"", false),
        ClaimValue.Both("\"RS256\"", false),
        ClaimValue.Both("\"hs512\"", false),
        ClaimValue.Both("\"HS512 \"", false),
        ClaimValue.Both("null", false),
        ClaimValue.Both("512", false),
        ClaimValue.Both("[\"HS512\"]", false),
        ClaimValue.Both(null, false));

    public static readonly Gen<ClaimValue> UserIds = Gen.OneOf(
        new ClaimValue("42", true, false),
        new ClaimValue("\"42\"", false, true),
        new ClaimValue("\"4\\u0032\"", false, true),
        ClaimValue.Both("42.0", false),
        ClaimValue.Both("4.2e1", false),
        ClaimValue.Both("[42]", false),
        ClaimValue.Both("{\"id\":42}", false),
        ClaimValue.Both("null", false),
        ClaimValue.Both("true", false),
        ClaimValue.Both("43", false),
        ClaimValue.Both("\"43\"", false),
        ClaimValue.Both("18446744073709551658", false),
        ClaimValue.Both("-42", false),
        ClaimValue.Both(null, false));

    /// <summary>iat: present and a finite number is all the rules ask (never after now here).</summary>
    public static readonly Gen<ClaimValue> Iats = Gen.OneOf(
        Gen.Long[0, Now].Select(v => ClaimValue.Both(Number(v), true)),
        Gen.Double[0, Now].Select(v => ClaimValue.Both(Number(v), true)),
        Gen.OneOf(
            ClaimValue.Both("\"1699999000\"", false),
            ClaimValue.Both("null", false),
            ClaimValue.Both("false", false),
            ClaimValue.Both("1e400", false),
            ClaimValue.Both("{}", false),
            ClaimValue.Both(null, false)));

    /// <summary>exp: a finite number, now or later, up to the year 9999.</summary>
    public static readonly Gen<ClaimValue> Exps = Gen.OneOf(
        Gen.Long[Now, Now + 100_000_000].Select(v => ClaimValue.Both(Number(v), true)),
        Gen.Long[long.MinValue / 2, Now - 1].Select(v => ClaimValue.Both(Number(v), false)),
        Gen.Double[Now, 253_402_300_799].Select(v => ClaimValue.Both(Number(v), true)),
        Gen.Double[-1e300, Now - 0.001].Select(v => ClaimValue.Both(Number(v), false)),
        Gen.Double[253_402_300_800, 1e300].Select(v => ClaimValue.Both(Number(v), false)),
        Gen.Long[Now, Now + 100_000].Select(v => ClaimValue.Both("\"" + Number(v) + "\"", false)),
        Gen.OneOf(
            ClaimValue.Both(Number(Now), true),
            ClaimValue.Both("253402300799", true),
            ClaimValue.Both("253402300800", false),
            ClaimValue.Both("123456789012345678901234567890", false),
            ClaimValue.Both("1e400", false),
            ClaimValue.Both("-1e400", false),
            ClaimValue.Both("null", false),
            ClaimValue.Both("true", false),
            ClaimValue.Both("[1700000600]", false),
            ClaimValue.Both(null, false)));

    /// <summary>nbf: usually absent; otherwise a number not after now.</summary>
    public static readonly Gen<ClaimValue> Nbfs = Gen.Frequency(
        (6, Gen.Const(ClaimValue.Both(null, true))),
        (1, Gen.Long[0, Now].Select(v => ClaimValue.Both(Number(v), true))),
        (1, Gen.Long[Now + 1, Now + 1_000_000].Select(v => ClaimValue.Both(Number(v), false))),
        (1, Gen.Const(ClaimValue.Both("\"0\"", false))));

    /// <summary>Mostly the good value, so that accepted tokens are common too (both answers get tested).</summary>
    private static readonly Gen<bool> Rarely = Gen.Frequency((4, Gen.Const(false)), (1, Gen.Const(true)));

    public static readonly Gen<ClaimCase> All =
        Gen.Select(
            Gen.Select(MostlyGood(Algs, "\"HS512\""), Rarely, MostlyGood(UserIds, "42", forString: false), Rarely),
            Gen.Select(MostlyGood(Iats, "1699999000"), MostlyGood(Exps, "1700000600"), Rarely, Nbfs),
            Gen.Select(Gen.Frequency((4, Gen.Const(0)), (1, Gen.OneOf(Nestings))), Gen.Frequency((5, Gen.Const(0)), (1, Gen.Int[0, 12_000]))),
            (a, b, c) => new ClaimCase(a.Item1, a.Item2 && a.Item1.Json is not null, a.Item3, a.Item4 && a.Item3.Json is not null,
                b.Item1, b.Item2, b.Item3 && b.Item2.Json is not null, b.Item4, c.Item1, c.Item2));

    /// <summary>The header's JSON; a repeated alg takes a second, valid-looking value.</summary>
    public string Header =>
        "{" + string.Join(',', Members(("alg", Alg.Json), ("typ", "\"JWT\""), ("alg", DuplicateAlg ? "\"HS512\"" : null))) + "}";

    /// <summary>The payload's JSON, with unknown claims for nesting and padding.</summary>
    public string Payload =>
        "{" + string.Join(',', Members(
            ("user_id", UserId.Json),
            ("iat", Iat.Json),
            ("exp", Exp.Json),
            ("nbf", Nbf.Json),
            ("user_id", DuplicateUserId ? UserId.Json : null),
            ("exp", DuplicateExp ? Exp.Json : null),
            ("deep", Nesting == 0 ? null : new string('[', Nesting) + new string(']', Nesting)),
            ("pad", Padding == 0 ? null : "\"" + new string('p', Padding) + "\""),
            ("pad", Padding == 0 ? null : "1"))) + "}";

    /// <summary>What the documented rules say, except the 8 KB limit, which depends on the signed text's length.</summary>
    public bool ClaimsValid(bool stringUser) =>
        Alg.ForInteger && !DuplicateAlg
        && (stringUser ? UserId.ForString : UserId.ForInteger) && !DuplicateUserId
        && Iat.ForInteger && Exp.ForInteger && !DuplicateExp && Nbf.ForInteger
        && Nesting <= 14;

    private static Gen<ClaimValue> MostlyGood(Gen<ClaimValue> any, string good, bool forString = true) =>
        Gen.Frequency((2, Gen.Const(new ClaimValue(good, true, forString))), (3, any));

    private static IEnumerable<string> Members(params (string Name, string? Json)[] members) =>
        members.Where(m => m.Json is not null).Select(m => "\"" + m.Name + "\":" + m.Json);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
