using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Endpoints;

/// <summary>
/// The passkey routes under the endpoints' prefix, thin shells over <see cref="IKegPasskeys"/>: the two
/// ceremonies (options, then the authenticator's response) and list, rename, remove. The responses'
/// bodies are read here, capped at <see cref="MaxBodyBytes"/> whatever the server's own limit (size-limit
/// metadata alone is not enforced by every server, and binding would read the whole body first).
/// </summary>
internal static class KegPasskeyEndpoints
{
    /// <summary>The largest request body the passkey routes read.</summary>
    public const long MaxBodyBytes = 64 * 1024;

    /// <summary>Maps the routes.</summary>
    public static void Map(RouteGroupBuilder group)
    {
        var passkeys = group.MapGroup("/passkeys");
        passkeys.MapPost("/register/options", RegisterOptionsAsync).RequireAuthorization()
            .Named("PasskeyRegisterOptions", "Starts registering a passkey for the signed-in user: the WebAuthn creation options (JSON), with the challenge in a short-lived cookie.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json").ProducesProblem(StatusCodes.Status401Unauthorized);
        passkeys.MapPost("/register", RegisterAsync).RequireAuthorization().Accepts<KegPasskeyRegisterRequest>("application/json")
            .Named("PasskeyRegister", "Verifies the new credential against the challenge and stores the passkey; other sessions end, this one stays.")
            .Produces<KegPasskeyInfo>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        passkeys.MapPost("/sign-in/options", SignInOptionsAsync)
            .Named("PasskeySignInOptions", "Starts a passkey sign-in: the WebAuthn request options (JSON), with the challenge in a short-lived cookie.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json");
        passkeys.MapPost("/sign-in", SignInAsync).Accepts<KegPasskeySignInRequest>("application/json")
            .Named("PasskeySignIn", "Signs in with a passkey assertion; sets the session cookie.")
            .Produces<KegLoginResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        passkeys.MapGet("/", ListAsync).RequireAuthorization()
            .Named("PasskeyList", "The signed-in user's passkeys.").Produces<IReadOnlyList<KegPasskeyInfo>>();
        passkeys.MapPatch("/{id:long}", RenameAsync).RequireAuthorization()
            .Named("PasskeyRename", "Renames one of the signed-in user's passkeys.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        passkeys.MapDelete("/{id:long}", RemoveAsync).RequireAuthorization()
            .Named("PasskeyRemove", "Removes one of the signed-in user's passkeys; other sessions end, this one stays.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> RegisterOptionsAsync(HttpContext http, IKegPasskeys passkeys)
        => await passkeys.BeginRegistrationAsync(http).ConfigureAwait(false) is { } json
            ? Results.Text(json, "application/json")
            : KegPasskeyProblems.NotSignedIn();

    private static async Task<IResult> RegisterAsync(HttpContext http, IKegPasskeys passkeys)
    {
        var (body, refusal) = await ReadAsync(http).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var name = body!.Value.TryGetProperty("name", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString() : null;
        var result = await passkeys.CompleteRegistrationAsync(http, Credential(body.Value), name).ConfigureAwait(false);
        return result.Status switch
        {
            KegPasskeyRegistrationStatus.Succeeded => Results.Created((string?)null, result.Passkey),
            KegPasskeyRegistrationStatus.NotSignedIn => KegPasskeyProblems.NotSignedIn(),
            KegPasskeyRegistrationStatus.InvalidChallenge => KegPasskeyProblems.InvalidChallenge(),
            KegPasskeyRegistrationStatus.AlreadyRegistered => KegPasskeyProblems.Taken(),
            KegPasskeyRegistrationStatus.TooMany => KegPasskeyProblems.TooMany(),
            KegPasskeyRegistrationStatus.InvalidName => KegPasskeyProblems.InvalidName(),
            _ => KegPasskeyProblems.Invalid(),
        };
    }

    private static async Task<IResult> SignInOptionsAsync(HttpContext http, IKegPasskeys passkeys)
        => Results.Text(await passkeys.BeginSignInAsync(http).ConfigureAwait(false), "application/json");

    private static async Task<IResult> SignInAsync(HttpContext http, IKegPasskeys passkeys, IOptions<KegAuthOptions> options)
    {
        var (body, refusal) = await ReadAsync(http).ConfigureAwait(false);
        if (refusal is not null)
        {
            return refusal;
        }

        var remember = body!.Value.TryGetProperty("remember", out var flag) && flag.ValueKind == JsonValueKind.True;
        var result = await passkeys.CompleteSignInAsync(http, Credential(body.Value), remember).ConfigureAwait(false);
        var now = options.Value.TimeProvider.GetUtcNow().UtcDateTime;
        return result.Status switch
        {
            KegPasskeySignInStatus.Succeeded => Results.Ok(new KegLoginResponse(result.LoginId!)),
            KegPasskeySignInStatus.LockedOut => KegAuthProblem.LockedOut((result.LockedOutUntilUtc ?? now) - now),
            KegPasskeySignInStatus.Inactive => KegAuthProblem.Inactive(),
            KegPasskeySignInStatus.ClonedAuthenticator => KegPasskeyProblems.Cloned(),
            _ => KegPasskeyProblems.SignInFailed(),
        };
    }

    private static async Task<IResult> ListAsync(HttpContext http, IKegPasskeys passkeys)
        => Results.Ok(await passkeys.ListAsync(http).ConfigureAwait(false));

    private static async Task<IResult> RenameAsync(long id, KegPasskeyRenameRequest body, HttpContext http, IKegPasskeys passkeys)
        => Change(await passkeys.RenameAsync(http, id, body.Name).ConfigureAwait(false));

    private static async Task<IResult> RemoveAsync(long id, HttpContext http, IKegPasskeys passkeys)
        => Change(await passkeys.RemoveAsync(http, id).ConfigureAwait(false));

    private static IResult Change(KegPasskeyChangeStatus status) => status switch
    {
        KegPasskeyChangeStatus.Succeeded => Results.NoContent(),
        KegPasskeyChangeStatus.NotSignedIn => KegPasskeyProblems.NotSignedIn(),
        KegPasskeyChangeStatus.InvalidName => KegPasskeyProblems.InvalidName(),
        _ => KegPasskeyProblems.NotFound(),
    };

    private static string? Credential(JsonElement body)
        => body.ValueKind == JsonValueKind.Object && body.TryGetProperty("credential", out var credential) && credential.ValueKind == JsonValueKind.Object
            ? credential.GetRawText()
            : null;

    /// <summary>The JSON body, read up to <see cref="MaxBodyBytes"/>: 413 beyond it, 400 when it is not JSON.</summary>
    private static async Task<(JsonElement? Body, IResult? Refusal)> ReadAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return (null, KegPasskeyProblems.TooLarge());
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return (null, KegPasskeyProblems.TooLarge());
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException)
        {
            // The server's own limit, set above, stopped a body without a length.
            return (null, KegPasskeyProblems.TooLarge());
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.ToArray());
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException)
        {
            return (null, KegPasskeyProblems.Malformed());
        }
    }
}

/// <summary>The passkey routes' problems (<c>code</c> extension).</summary>
internal static class KegPasskeyProblems
{
    public static KegAuthProblem NotSignedIn() => new(StatusCodes.Status401Unauthorized, "not-signed-in", "Sign in with your password first.");

    public static KegAuthProblem InvalidChallenge() => new(StatusCodes.Status400BadRequest, "invalid-challenge", "The passkey request expired or was already used; start again.");

    public static KegAuthProblem Invalid() => new(StatusCodes.Status400BadRequest, "invalid-passkey", "The authenticator's response could not be verified.");

    public static KegAuthProblem Taken() => new(StatusCodes.Status409Conflict, "passkey-taken", "That passkey is registered already.");

    public static KegAuthProblem TooMany() => new(StatusCodes.Status400BadRequest, "too-many-passkeys", "Remove a passkey before adding another.");

    public static KegAuthProblem InvalidName() => new(StatusCodes.Status400BadRequest, "invalid-name", "A name of 1 to 200 characters, without control characters, is required.");

    public static KegAuthProblem TooLarge() => new(StatusCodes.Status413PayloadTooLarge, "too-large", "The request body is larger than a passkey response can be.");

    public static KegAuthProblem Malformed() => new(StatusCodes.Status400BadRequest, "malformed", "The request body is not JSON.");

    public static KegAuthProblem NotFound() => new(StatusCodes.Status404NotFound, "not-found", "No such passkey.");

    public static KegAuthProblem SignInFailed() => new(StatusCodes.Status401Unauthorized, "invalid-credentials", "The passkey was not accepted.");

    public static KegAuthProblem Cloned() => new(StatusCodes.Status401Unauthorized, "cloned-authenticator", "This passkey's signature counter went backwards, so it may have been copied; it was refused. Sign in another way and remove it.");
}
