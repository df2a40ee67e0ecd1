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
/// <param name="Genword">The <c>genword</c> section.</param>
public sealed record InteropVectors(
    string Source,
    int TokenExpireMins,
    IReadOnlyList<PasswordHashVector> PasswordHashes,
    IReadOnlyList<ApiTokenVector> ApiTokens,
    GenwordVectors Genword)
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

/// <summary>The <c>genword</c> section: passlib's charsets, entropy aliases and lengths it produced.</summary>
/// <param name="Charsets">Charset name to its characters.</param>
/// <param name="EntropyAliases">Alias (<c>"secure"</c>...) to bits.</param>
/// <param name="Lengths">Lengths for given arguments.</param>
public sealed record GenwordVectors(
    IReadOnlyDictionary<string, string> Charsets,
    IReadOnlyDictionary<string, int> EntropyAliases,
    IReadOnlyList<GenwordLengthVector> Lengths);

/// <summary>One length passlib's <c>genword</c> produced.</summary>
/// <param name="Length">The <c>length</c> argument, or null.</param>
/// <param name="Entropy">The <c>entropy</c> argument: bits, an alias name, or null.</param>
/// <param name="Charset">The charset name.</param>
/// <param name="ExpectedLength">The length of the word passlib made.</param>
public sealed record GenwordLengthVector(
    int? Length,
    JsonElement? Entropy,
    string Charset,
    int ExpectedLength)
{
    /// <summary>The entropy in bits, resolving an alias through <paramref name="aliases"/>.</summary>
    public int? EntropyBits(IReadOnlyDictionary<string, int> aliases) => Entropy switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } alias => aliases[alias.GetString()!],
        { } bits => bits.GetInt32(),
    };
}
