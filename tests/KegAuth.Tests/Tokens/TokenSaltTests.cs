using KegAuth.Infrastructure;
using Xunit;

namespace KegAuth.Tests.Tokens;

/// <summary>The salt is Python's json.dumps text; each escape rule checked on its own.</summary>
public sealed class TokenSaltTests
{
    public static TheoryData<string, string, string> Escapes => new()
    {
        { "quote", "a\"b", "\"a\\\"b\"" },
        { "backslash", "a\\b", "\"a\\\\b\"" },
        { "tab", "a\tb", "\"a\\tb\"" },
        { "newline", "a\nb", "\"a\\nb\"" },
        { "carriage return", "a\rb", "\"a\\rb\"" },
        { "backspace and form feed", "\b\f", "\"\\b\\f\"" },
        { "unit separator", "a\u001fb", "\"a\\u001fb\"" },
        { "nul", "\0", "\"\\u0000\"" },
        { "delete", "\u007f", "\"\\u007f\"" },
        { "e acute", "é", "\"\\u00e9\"" },
        { "cjk", "日本", "\"\\u65e5\\u672c\"" },
        { "emoji as surrogate pair", "a😀b", "\"a\\ud83d\\ude00b\"" },
        { "slash not escaped", "a/b", "\"a/b\"" },
        { "printable ascii untouched", "Zz09 !#$%&'()*+,-.:;<=>?@[]^_`{|}~", "\"Zz09 !#$%&'()*+,-.:;<=>?@[]^_`{|}~\"" },
        { "empty", "", "\"\"" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public void Login_id_is_escaped_as_python_json_dumps(string name, string loginId, string expectedJson)
    {
        Assert.NotNull(name);
        Assert.Equal($"[{expectedJson}, \"True\", \"\", null]", KegResetTokens.BuildSalt(loginId, true, null, null));
    }

    [Fact]
    public void Lone_surrogates_are_escaped_as_they_are()
    {
        // A fact, not a theory row: xunit's case serialization would replace a lone surrogate.
        Assert.Equal("[\"a\\ud800b\\udc00\", \"True\", \"\", null]", KegResetTokens.BuildSalt("a\ud800b\udc00", true, null, null));
    }

    [Fact]
    public void Inactive_user_without_password_or_login()
    {
        Assert.Equal("[\"a@b.c\", \"False\", \"\", null]", KegResetTokens.BuildSalt("a@b.c", false, null, null));
    }

    public static TheoryData<string, DateTime, string> LastLogins => new()
    {
        { "whole second", new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc), "2025-03-04T05:06:07+00:00" },
        { "microseconds", new DateTime(2025, 11, 12, 13, 14, 15, DateTimeKind.Utc).AddTicks(1_234_580), "2025-11-12T13:14:15.123458+00:00" },
        { "sub-microsecond ticks truncated", new DateTime(2025, 11, 12, 13, 14, 15, DateTimeKind.Utc).AddTicks(1_234_589), "2025-11-12T13:14:15.123458+00:00" },
        { "only sub-microsecond ticks", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(9), "2025-01-01T00:00:00+00:00" },
        { "one microsecond", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddTicks(10), "2025-01-01T00:00:00.000001+00:00" },
        { "unspecified kind is utc", new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Unspecified), "2025-03-04T05:06:07+00:00" },
        { "early year padded", new DateTime(999, 1, 2, 3, 4, 5, DateTimeKind.Utc), "0999-01-02T03:04:05+00:00" },
    };

    [Theory]
    [MemberData(nameof(LastLogins))]
    public void Last_login_is_arrow_isoformat_in_utc(string name, DateTime lastLogin, string expected)
    {
        Assert.NotNull(name);
        Assert.Equal($"[\"u\", \"True\", \"\", \"{expected}\"]", KegResetTokens.BuildSalt("u", true, null, lastLogin));
    }

    [Fact]
    public void Local_last_login_is_converted_to_utc()
    {
        var utc = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        Assert.Equal(
            KegResetTokens.BuildSalt("u", true, null, utc),
            KegResetTokens.BuildSalt("u", true, null, utc.ToLocalTime()));
    }

    [Fact]
    public void Password_hash_appears_as_stored()
    {
        const string hash = "$2b$04$aFtUbnUVyQ7kcje9Md4P.eZvQrdKSBVeZ34U2eOPWA.SpxGPV9Yce";
        Assert.Equal(
            $"[\"u\", \"True\", \"{hash}\", null]",
            KegResetTokens.BuildSalt("u", true, PasswordHash.FromHash(hash), null));
    }

    [Fact]
    public void Null_login_id_is_a_caller_error()
    {
        Assert.Throws<ArgumentNullException>(() => KegResetTokens.BuildSalt(null!, true, null, null));
    }
}
