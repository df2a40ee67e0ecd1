using System.Collections.Generic;
using KegAuth.Generators.Models;
using K = KegAuth.Generators.Emitting.KnownTypes;

namespace KegAuth.Generators.Emitting.Specs;

/// <summary>
/// <c>[KegUserToken]</c> (keg-auth <c>UserTokenMixin</c>): glue around the runtime's <c>KegApiTokens</c>,
/// which owns generation, hashing, layout and lookup.
/// </summary>
internal sealed class KegUserTokenMembers : AttributeSpec<UserMixinModel>
{
    public static readonly KegUserTokenMembers Spec = new();

    private const string TokenParameters = "int? length = 32, int? entropyBits = null, string charset = \"ascii_50\"";

    private const string TokenParameterDocs = """
        <param name="length">The minimum length; <see langword="null"/> to size by <paramref name="entropyBits"/> alone.</param>
        <param name="entropyBits">The minimum entropy in bits (see <see cref="global::KegAuth.KegEntropy"/>); the length grows to <c>ceil(entropyBits / log2(charset size))</c> if needed.</param>
        <param name="charset">passlib's charset: <c>ascii_72</c>, <c>ascii_62</c>, <c>ascii_50</c> (no look-alike characters) or <c>hex</c>.</param>
        """;

    private const string TokenExceptionDoc = """<exception cref="global::System.ArgumentException">The charset is unknown, a value is negative, or the two ask for a token under 64 bits of entropy (KegApiTokens.MinEntropyBits).</exception>""";

    private KegUserTokenMembers()
        : base("KegUserToken", "KegUserToken", Declare())
    {
    }

    public override EntityTypeModel TypeOf(UserMixinModel model) => model.Type;

    public override IEnumerable<string> Interfaces(UserMixinModel model) => [K.IKegUserToken];

    private static IEnumerable<MemberSpec<UserMixinModel>> Declare() =>
    [
        Property("Token", _ => K.PasswordHash + "?",
            _ => """<summary>The hash of the user's API token (keg-auth <c>token</c>); <see langword="null"/> when none was issued. New hashes use a fast salted SHA-256, safe because raw tokens are long random strings; bcrypt hashes from Python keg-auth still verify and are upgraded on first use.</summary>""",
            _ => $"public {K.PasswordHash}? Token {{ get; set; }}"),
        Method("GenerateRawAuthToken", _ => "int?, int?, string",
            _ => $"""
                <summary>A new random raw token (keg-auth <c>generate_raw_auth_token</c>), with passlib <c>genword</c> semantics.</summary>
                {TokenParameterDocs}
                <returns>The raw token.</returns>
                {TokenExceptionDoc}
                """,
            _ => $"""
                public static string GenerateRawAuthToken({TokenParameters}) =>
                    {K.ApiTokens}.GenerateRaw(length, entropyBits, charset);
                """),
        Method("ResetAuthToken", _ => K.Options + ", int?, int?, string",
            _ => $"""
                <summary>Replaces the user's API token with a new random one and stores its hash in <see cref="Token"/> (keg-auth <c>reset_auth_token</c>). Save the entity to keep it; the old token stops working.</summary>
                <param name="options">The KegAuth options.</param>
                {TokenParameterDocs}
                <returns>The new raw token: show it to the user once; only its hash is stored.</returns>
                {TokenExceptionDoc}
                """,
            _ => $$"""
                public string ResetAuthToken({{K.Options}} options, {{TokenParameters}})
                {
                    global::System.ArgumentNullException.ThrowIfNull(options);
                    string raw = GenerateRawAuthToken(length, entropyBits, charset);
                    Token = {{K.ApiTokens}}.Hash(raw);
                    return raw;
                }
                """),
        Method("VerifyToken", _ => "string",
            _ => """
                <summary>Whether <paramref name="token"/> is the user's raw API token (keg-auth <c>verify_token</c>). Returns <see langword="false"/> when no token is stored and on any bad input; never throws.</summary>
                <param name="token">The raw token presented.</param>
                """,
            _ => $"public bool VerifyToken(string? token) => {K.ApiTokens}.Verify(Token, token);"),
        Method("GenerateApiToken", _ => K.Options + ", string",
            _ => $"""
                <summary>The API token the user presents (keg-auth <c>generate_api_token</c>): padded urlsafe base64 of <see cref="LoginId"/>, a dot, then the raw token.</summary>
                <param name="options">The KegAuth options.</param>
                <param name="token">The raw token; when null or empty, <see cref="ResetAuthToken({K.Options}, int?, int?, string)"/> makes a new one (save the entity to keep it).</param>
                <returns>The API token.</returns>
                <exception cref="global::System.ArgumentException">The login id is empty, or <paramref name="token"/> contains a dot.</exception>
                """,
            _ => $$"""
                public string GenerateApiToken({{K.Options}} options, string? token = null)
                {
                    global::System.ArgumentNullException.ThrowIfNull(options);
                    string raw = string.IsNullOrEmpty(token) ? ResetAuthToken(options) : token;
                    return {{K.ApiTokens}}.Format(LoginId, raw);
                }
                """),
        Method("GetUserForApiTokenAsync", m => $"{K.Queryable(m.Type.FullyQualifiedName)}, string, {K.CancellationToken}",
            m => $"""
                <summary>The user an API token belongs to, or <see langword="null"/> for a malformed token, an unknown user, a user without a token or a wrong token (keg-auth <c>get_user_for_api_token</c>). One query on the unique <see cref="{(m.HasEmail ? "Email" : "Username")}"/> column, then one hash check. A bcrypt hash from Python keg-auth that verifies is replaced by the fast hash in the database at once, by a conditional update that a concurrent rotation or revocation wins; nothing to save.</summary>
                <param name="users">The users to search, an EF Core query such as <c>db.Users</c> (tracked, so the upgrade can be saved).</param>
                <param name="apiToken">The API token presented.</param>
                <param name="cancellationToken">Cancels the query.</param>
                <exception cref="global::System.ArgumentNullException"><paramref name="users"/> is null.</exception>
                """,
            m => $"""
                public static {K.Task(m.Type.FullyQualifiedName + "?")} GetUserForApiTokenAsync({K.Queryable(m.Type.FullyQualifiedName)} users, string? apiToken, {K.CancellationToken} cancellationToken = default) =>
                    {K.ApiTokens}.FindUserAsync(users, apiToken, cancellationToken);
                """),
    ];
}
