using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Endpoints;

/// <summary>
/// The second factor's JSON routes, for users with <c>[KegUserTotp]</c>: the code step of sign-in
/// (<c>POST /login/second-factor</c>) and the signed-in user's authenticator (<c>/totp</c>). Thin shells
/// over <see cref="IKegSecondFactorSignIn{TUser}"/> and <see cref="IKegTotpManager{TUser}"/>.
/// </summary>
internal static class KegTotpEndpoints<TContext, TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>, IKegUserTotp
{
    /// <summary>Maps the chosen routes when the app added sign-in.</summary>
    public static void Map(RouteGroupBuilder group, KegAuthEndpoint chosen, IServiceProviderIsService services)
    {
        if (!services.IsService(typeof(IKegSecondFactorSignIn<TUser>)))
        {
            return;
        }

        if (chosen.HasFlag(KegAuthEndpoint.Login))
        {
            group.MapPost("/login/second-factor", CompleteAsync)
                .Named("LoginSecondFactor", "Completes a sign-in whose password step answered second-factor-required, with an authenticator or recovery code.")
                .Produces<KegLoginResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        }

        if (!chosen.HasFlag(KegAuthEndpoint.Totp))
        {
            return;
        }

        group.MapGet("/totp", StateAsync).RequireAuthorization()
            .Named("TotpState", "Whether the signed-in user's authenticator is on, and how many recovery codes are left.").Produces<KegTotpStateResponse>();
        group.MapPost("/totp/begin", BeginAsync).RequireAuthorization()
            .Named("TotpBegin", "Begins setting up an authenticator app: a new secret, its otpauth URI and QR code (SVG).")
            .Produces<KegTotpBeginResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/totp/confirm", ConfirmAsync).RequireAuthorization()
            .Named("TotpConfirm", "Turns the authenticator on with a first code; answers the recovery codes, shown once. Other sessions end.")
            .Produces<KegRecoveryCodesResponse>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/totp/recovery-codes", RecoveryCodesAsync).RequireAuthorization()
            .Named("TotpRecoveryCodes", "Replaces the recovery codes; answers the new ones, shown once.")
            .Produces<KegRecoveryCodesResponse>().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/totp/disable", DisableAsync).RequireAuthorization()
            .Named("TotpDisable", "Turns the authenticator off after checking the password or a current code. Other sessions end.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests);
    }

    private static async Task<IResult> CompleteAsync(KegSecondFactorRequest body, HttpContext http, IKegSecondFactorSignIn<TUser> secondFactor, IOptions<KegAuthOptions> options)
    {
        var result = await secondFactor.CompleteAsync(http, body.Code, body.RememberDevice).ConfigureAwait(false);
        var now = options.Value.TimeProvider.GetUtcNow().UtcDateTime;
        return result.Status switch
        {
            KegSecondFactorStatus.Succeeded => Results.Ok(new KegLoginResponse(result.User!.LoginId)),
            KegSecondFactorStatus.LockedOut => KegAuthProblem.LockedOut((result.LockedOutUntilUtc ?? now) - now),
            KegSecondFactorStatus.Inactive => KegAuthProblem.Inactive(),
            KegSecondFactorStatus.NoPendingSignIn => KegSecondFactorAnswers.NoPendingSignIn(),
            _ => KegSecondFactorAnswers.InvalidCode(),
        };
    }

    private static async Task<IResult> StateAsync(HttpContext http, IKegTotpManager<TUser> totp)
        => await totp.GetStateAsync(http).ConfigureAwait(false) is { } state
            ? Results.Ok(new KegTotpStateResponse(state.Enabled, state.Pending, state.RecoveryCodesLeft))
            : KegAuthProblem.InvalidCredentials();

    private static async Task<IResult> BeginAsync(HttpContext http, IKegTotpManager<TUser> totp)
    {
        var result = await totp.BeginAsync(http).ConfigureAwait(false);
        return result.Setup is { } setup
            ? Results.Ok(new KegTotpBeginResponse(setup.Secret, setup.OtpAuthUri, setup.QrCodeSvg))
            : Problem(result, null);
    }

    private static async Task<IResult> ConfirmAsync(KegTotpConfirmRequest body, HttpContext http, IKegTotpManager<TUser> totp)
        => Codes(await totp.ConfirmAsync(http, body.Code).ConfigureAwait(false), null);

    private static async Task<IResult> RecoveryCodesAsync(HttpContext http, IKegTotpManager<TUser> totp)
        => Codes(await totp.GenerateRecoveryCodesAsync(http).ConfigureAwait(false), null);

    private static async Task<IResult> DisableAsync(KegTotpDisableRequest body, HttpContext http, IKegTotpManager<TUser> totp, IOptions<KegAuthOptions> options)
    {
        var result = await totp.DisableAsync(http, body.Password, body.Code).ConfigureAwait(false);
        return result.Succeeded ? Results.NoContent() : Problem(result, options.Value);
    }

    private static IResult Codes(KegTotpChangeResult result, KegAuthOptions? options)
        => result is { Succeeded: true, RecoveryCodes: { } codes } ? Results.Ok(new KegRecoveryCodesResponse(codes)) : Problem(result, options);

    private static IResult Problem(KegTotpChangeResult result, KegAuthOptions? options) => result.Status switch
    {
        KegTotpChangeStatus.AlreadyEnabled => new KegAuthProblem(StatusCodes.Status409Conflict, "totp-enabled", "The authenticator is already on; turn it off first."),
        KegTotpChangeStatus.NotEnabled => new KegAuthProblem(StatusCodes.Status409Conflict, "totp-not-enabled", "The authenticator is off."),
        KegTotpChangeStatus.NoPendingSetup => new KegAuthProblem(StatusCodes.Status409Conflict, "no-pending-setup", "Begin setting up the authenticator first."),
        KegTotpChangeStatus.InvalidCode => new KegAuthProblem(StatusCodes.Status400BadRequest, "invalid-code", "The code is wrong or was already used."),
        KegTotpChangeStatus.LockedOut => KegAuthProblem.LockedOut(result.LockedOutUntilUtc is { } until && options is not null ? until - options.TimeProvider.GetUtcNow().UtcDateTime : TimeSpan.FromMinutes(1)),
        _ => KegAuthProblem.InvalidCredentials(),
    };
}

/// <summary>The answers of a two-step sign-in, shared by <c>/login</c> and <c>/login/second-factor</c>.</summary>
internal static class KegSecondFactorAnswers
{
    /// <summary>The methods the code step accepts.</summary>
    public static readonly IReadOnlyList<string> Methods = ["totp", "recovery-code"];

    /// <summary>202: the password was right; a code is needed (the pending cookie is already set).</summary>
    public static IResult Required(HttpContext http)
    {
        var lifetime = http.RequestServices.GetRequiredService<IOptions<KegSecondFactorOptions>>().Value.PendingSignInLifetime;
        return Results.Json(new KegSecondFactorRequiredResponse("second-factor-required", Methods, (int)lifetime.TotalSeconds), statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>401 <c>invalid-code</c>: wrong, used or not a code.</summary>
    public static IResult InvalidCode() => new KegAuthProblem(StatusCodes.Status401Unauthorized, "invalid-code", "The code is wrong or was already used.");

    /// <summary>401 <c>no-pending-sign-in</c>: sign in with the password again.</summary>
    public static IResult NoPendingSignIn() => new KegAuthProblem(StatusCodes.Status401Unauthorized, "no-pending-sign-in", "The sign-in expired or was not started; sign in with your password again.");
}
