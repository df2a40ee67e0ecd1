using CsCheck;
using Xunit;

namespace KegAuth.Tests.Properties;

/// <summary>
/// Every valid login id (any Unicode but NUL, which no database can look up; dots, astral characters)
/// and raw token survive the API-token format and parse.
/// </summary>
public sealed class ApiTokenFormatProperties
{
    [Fact]
    public void Every_valid_login_id_and_raw_token_round_trip_through_the_format()
    {
        var loginId = TokenGens.ValidText.Where(s => s.Length > 0 && !s.Contains('\0', StringComparison.Ordinal));
        var raw = TokenGens.Text.Select(s => s.Replace('.', '-')).Where(s => s.Length > 0);
        Gen.Select(loginId, raw).Sample(
            (login, token) =>
                KegAuth.ApiTokenFormat.TryParse(KegAuth.Infrastructure.KegApiTokens.Format(login, token), out var parsedLogin, out var parsedToken)
                && parsedLogin == login && parsedToken == token,
            iter: PropertyRuns.Iterations(3_000),
            threads: PropertyRuns.Threads);
    }
}
