using System.Text.Json;
using System.Text.Json.Serialization;

namespace KegAuth.Tests.Interop;

/// <summary>
/// Typed view of <c>keg-auth-vectors.json</c> (made by Python keg-auth; see the interop README),
/// read once from the test output folder. JSON names are snake_case; add a record and a property
/// here for each further section the tests need.
/// </summary>
/// <param name="Source">Which Python libraries made the file.</param>
/// <param name="TokenExpireMins">keg-auth's token lifetime the tokens were made with.</param>
/// <param name="PasswordHashes">The <c>password_hashes</c> section.</param>
/// <param name="ApiTokens">The <c>api_tokens</c> section.</param>
public sealed record InteropVectors(
    string Source,
    int TokenExpireMins,
    IReadOnlyList<PasswordHashVector> PasswordHashes,
    IReadOnlyList<ApiTokenVector> ApiTokens)
{
    /// <summary>snake_case names, and no unknown-member errors so sections not modelled yet are skipped.</summary>
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private static readonly Lazy<InteropVectors> Loaded = new(Load);

    /// <summary>The vectors, loaded on first use.</summary>
    public static InteropVectors Instance => Loaded.Value;

    private static InteropVectors Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Interop", "keg-auth-vectors.json");
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<InteropVectors>(stream, Options)
            ?? throw new InvalidDataException($"{path} holds JSON null.");
    }
}

/// <summary>One <c>password_hashes</c> entry: <see cref="Hash"/> of <see cref="Plain"/> in passlib's <see cref="Scheme"/>.</summary>
/// <param name="Plain">The password; verifies.</param>
/// <param name="Scheme">passlib's scheme name, <c>bcrypt</c> or <c>pbkdf2_sha256</c>.</param>
/// <param name="Hash">The stored hash.</param>
/// <param name="Wrong">A different password.</param>
/// <param name="WrongVerifies">Whether <see cref="Wrong"/> verifies anyway (bcrypt reads only 72 bytes).</param>
public sealed record PasswordHashVector(
    string Plain,
    string Scheme,
    string Hash,
    string Wrong,
    bool WrongVerifies);

/// <summary>One <c>api_tokens</c> entry.</summary>
/// <param name="Email">The user's login id.</param>
/// <param name="RawToken">The random token; verifies against <see cref="TokenHash"/>.</param>
/// <param name="TokenHash">bcrypt hash of <see cref="RawToken"/>, as keg-auth stores it.</param>
/// <param name="ApiToken">What the user presents: urlsafe base64 of the email (padded), a dot, the raw token.</param>
public sealed record ApiTokenVector(
    string Email,
    string RawToken,
    string TokenHash,
    string ApiToken);
