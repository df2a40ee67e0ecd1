using CsCheck;
using KegAuth.Tests.ApiTokens;
using KegAuth.Tests.EntityFrameworkCore;
using Xunit;

namespace KegAuth.Tests.Properties;

/// <summary>
/// The API-token parser and <c>GetUserForApiTokenAsync</c> on a real SQLite file: arbitrary text
/// and mutated real tokens give null or the right user, never an exception; a user is found only
/// with the exact raw token; (the round trip is in <see cref="ApiTokenFormatProperties"/>).
/// </summary>
public sealed class ApiTokenProperties : IDisposable
{
    private readonly KegDatabase<ApiTokenContext> _db = new(new SqliteTestDatabase());
    private readonly TokenUser _user;
    private readonly string _apiToken;
    private readonly string _rawToken;

    public ApiTokenProperties()
    {
        // A login id with a dot, non-ASCII and an astral character, so its base64 has '-' or '_' and padding.
        _user = new TokenUser { Username = "ré.sumé\U0001F600?>" };
        _rawToken = _user.ResetAuthToken(_db.Options);
        _apiToken = _user.GenerateApiToken(_db.Options, _rawToken);
        _db.Save(_user);
        _db.Save(new TokenUser { Username = "other" }).ResetAuthToken(_db.Options);
    }

    public void Dispose() => _db.Dispose();

    [Fact]
    public async Task Arbitrary_and_mutated_tokens_find_nobody_or_only_with_the_exact_raw_token()
    {
        var mutated = TokenGens.Mutations.Select(ms => ms.Aggregate(_apiToken, (current, m) => current.Length == 0 ? current : m.Apply(current)));
        var input = Gen.Frequency((3, mutated), (2, TokenGens.Text), (1, Gen.String), (1, Gen.Const((string)null!)));
        await input.SampleAsync(
            async token =>
            {
                await using var context = _db.NewContext();
                var found = await TokenUser.GetUserForApiTokenAsync(context.Users, token);

                // The login-id half may be spelt another way (e.g. non-zero unused base64 bits, as
                // Python's decoder also allows); the secret half must be exactly the raw token.
                return found is null
                    || (found.Id == _user.Id && token!.EndsWith("." + _rawToken, StringComparison.Ordinal) && KegAuth.ApiTokenFormat.TryParse(token, out var login, out _) && login == _user.Username);
            },
            iter: PropertyRuns.Iterations(300),
            threads: 1);

        await using var check = _db.NewContext();
        Assert.Equal(_user.Id, (await TokenUser.GetUserForApiTokenAsync(check.Users, _apiToken))?.Id);
    }
}
