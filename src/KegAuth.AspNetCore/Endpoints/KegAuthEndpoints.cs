using KegAuth.AspNetCore.Users;
using KegAuth.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Endpoints;

/// <summary>
/// The JSON endpoints of edge.md over the app's context and user: thin shells over
/// <see cref="IKegSignIn{TUser}"/>, <see cref="IKegPasswordReset{TUser}"/> and the user store.
/// </summary>
internal static class KegAuthEndpoints<TContext, TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
{
    private const string Tag = "KegAuth";

    /// <summary>Maps the chosen routes whose feature the app added.</summary>
    public static void Map(RouteGroupBuilder group, KegAuthEndpoint chosen, IServiceProviderIsService services)
    {
        var signIn = services.IsService(typeof(IKegSignIn<TUser>));
        if (signIn && chosen.HasFlag(KegAuthEndpoint.Login))
        {
            group.MapPost("/login", LoginAsync).Named("Login", "Signs in with a login id and password; sets the session cookie.")
                .Produces<KegLoginResponse>().Produces<KegSecondFactorRequiredResponse>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests);
        }

        if (signIn && chosen.HasFlag(KegAuthEndpoint.Logout))
        {
            group.MapPost("/logout", LogoutAsync).Named("Logout", "Removes the session cookie.").Produces(StatusCodes.Status204NoContent);
        }

        if (signIn && chosen.HasFlag(KegAuthEndpoint.LogoutEverywhere))
        {
            group.MapPost("/logout-everywhere", LogoutEverywhereAsync).RequireAuthorization()
                .Named("LogoutEverywhere", "Ends every session of the user by resetting its session key.").Produces(StatusCodes.Status204NoContent);
        }

        if (signIn && chosen.HasFlag(KegAuthEndpoint.ChangePassword))
        {
            group.MapPost("/change-password", ChangePasswordAsync).RequireAuthorization()
                .Named("ChangePassword", "Changes the password after checking the current one; other sessions end, this one stays.")
                .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        }

        var reset = services.IsService(typeof(IKegPasswordReset<TUser>));
        if (reset && chosen.HasFlag(KegAuthEndpoint.ForgotPassword))
        {
            group.MapPost("/forgot-password", ForgotPasswordAsync)
                .Named("ForgotPassword", "Mails a reset link when the account exists; answers the same either way.")
                .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status429TooManyRequests);
        }

        if (reset && chosen.HasFlag(KegAuthEndpoint.ResetPassword))
        {
            group.MapPost("/reset-password", ResetPasswordAsync)
                .Named("ResetPassword", "Sets a new password with the key and token of a reset link.")
                .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
        }

        if (reset && chosen.HasFlag(KegAuthEndpoint.VerifyAccount))
        {
            group.MapPost("/verify-account", VerifyAccountAsync)
                .Named("VerifyAccount", "Sets the password with the key and token of a verification link and marks the account verified.")
                .Produces(StatusCodes.Status200OK).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status429TooManyRequests);
        }

        if (reset && chosen.HasFlag(KegAuthEndpoint.ResendVerification))
        {
            group.MapPost("/resend-verification", ResendVerificationAsync)
                .Named("ResendVerification", "Mails a new verification link to an unverified account; answers the same either way.")
                .Produces(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status429TooManyRequests);
        }

        if (reset && chosen.HasFlag(KegAuthEndpoint.Register))
        {
            group.MapPost("/register", RegisterAsync)
                .Named("Register", "Creates an account and mails its verification link.")
                .Produces<KegLoginResponse>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);
        }

        if (chosen.HasFlag(KegAuthEndpoint.Me))
        {
            group.MapGet("/me", MeAsync).RequireAuthorization()
                .Named("Me", "The signed-in user's login id, superuser flag and permission tokens.").Produces<KegMeResponse>();
        }
    }

    private static async Task<IResult> LoginAsync(KegLoginRequest body, HttpContext http, IKegSignIn<TUser> signIn, KegUserStore<TContext, TUser> users)
    {
        var result = await signIn.PasswordSignInAsync(http, body.LoginId, body.Password, body.Remember).ConfigureAwait(false);
        return result.Status switch
        {
            KegSignInStatus.Succeeded => Results.Ok(new KegLoginResponse(result.User!.LoginId)),
            KegSignInStatus.SecondFactorRequired => KegSecondFactorAnswers.Required(http),
            KegSignInStatus.LockedOut => KegAuthProblem.LockedOut((result.LockedOutUntilUtc ?? users.UtcNow) - users.UtcNow),
            KegSignInStatus.Inactive => KegAuthProblem.Inactive(),
            _ => KegAuthProblem.InvalidCredentials(),
        };
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, IKegSignIn<TUser> signIn)
    {
        await signIn.SignOutAsync(http).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> LogoutEverywhereAsync(HttpContext http, IKegSignIn<TUser> signIn)
    {
        await signIn.SignOutEverywhereAsync(http).ConfigureAwait(false);
        return Results.NoContent();
    }

    private static async Task<IResult> ChangePasswordAsync(KegChangePasswordRequest body, HttpContext http, IKegSignIn<TUser> signIn, IOptions<KegAuthOptions> options)
    {
        var result = await signIn.ChangePasswordAsync(http, body.CurrentPassword, body.NewPassword).ConfigureAwait(false);
        return result.Status switch
        {
            KegChangePasswordStatus.Succeeded => Results.NoContent(),
            KegChangePasswordStatus.LockedOut => KegAuthProblem.LockedOut(options.Value.Lockout.Login.LockoutPeriod),
            KegChangePasswordStatus.PasswordRejected => KegAuthProblem.PasswordPolicy(result.Problems),
            _ => KegAuthProblem.InvalidCredentials(),
        };
    }

    private static async Task<IResult> ForgotPasswordAsync(KegForgotPasswordRequest body, HttpContext http, IKegPasswordReset<TUser> reset, IOptions<KegAuthOptions> options)
    {
        var status = await reset.ForgotPasswordAsync(body.LoginId, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted).ConfigureAwait(false);
        return status == KegForgotPasswordStatus.LockedOut
            ? KegAuthProblem.LockedOut(options.Value.Lockout.Forgot.LockoutPeriod)
            : Results.Accepted();
    }

    private static async Task<IResult> ResetPasswordAsync(KegResetPasswordRequest body, HttpContext http, IKegPasswordReset<TUser> reset, IOptions<KegAuthOptions> options)
        => ToResult(await reset.ResetPasswordAsync(body.UserKey, body.Token, body.NewPassword, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted).ConfigureAwait(false), options.Value);

    private static IResult ToResult(KegResetPasswordResult result, KegAuthOptions options) => result.Status switch
    {
        KegResetPasswordStatus.Succeeded => Results.Ok(),
        KegResetPasswordStatus.LockedOut => KegAuthProblem.LockedOut(options.Lockout.Reset.LockoutPeriod),
        KegResetPasswordStatus.PasswordRejected => KegAuthProblem.PasswordPolicy(result.Problems),
        _ => KegAuthProblem.InvalidToken(),
    };

    private static async Task<IResult> VerifyAccountAsync(KegVerifyAccountRequest body, HttpContext http, IKegPasswordReset<TUser> reset, IOptions<KegAuthOptions> options)
        => ToResult(await reset.VerifyAccountAsync(body.UserKey, body.Token, body.NewPassword, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted).ConfigureAwait(false), options.Value);

    private static async Task<IResult> ResendVerificationAsync(KegResendVerificationRequest body, HttpContext http, IKegPasswordReset<TUser> reset, IOptions<KegAuthOptions> options)
    {
        var status = await reset.ResendVerificationAsync(body.LoginId, http.Connection.RemoteIpAddress?.ToString(), http.RequestAborted).ConfigureAwait(false);
        return status == KegForgotPasswordStatus.LockedOut
            ? KegAuthProblem.LockedOut(options.Value.Lockout.Forgot.LockoutPeriod)
            : Results.Accepted();
    }

    private static async Task<IResult> RegisterAsync(KegRegisterRequest body, HttpContext http, KegUserStore<TContext, TUser> users, IKegUserCreation<TUser> creation, IKegPasswordPolicy policy, IOptions<KegAuthOptions> options)
    {
        var loginId = body.LoginId;
        if (!Accounts.KegNewLoginId.IsAcceptable(loginId))
        {
            return KegAuthProblem.InvalidLoginId();
        }

        var check = await policy.CheckAsync(body.Password, loginId, http.RequestAborted).ConfigureAwait(false);
        if (!check.Succeeded || string.IsNullOrEmpty(body.Password))
        {
            return KegAuthProblem.PasswordPolicy(check.Problems);
        }

        if (await users.IsLoginIdTakenIgnoringCaseAsync(loginId, http.RequestAborted).ConfigureAwait(false))
        {
            return KegAuthProblem.Taken();
        }

        var user = Activator.CreateInstance<TUser>();
        typeof(TUser).GetProperty(TUser.LoginIdPropertyName)!.SetValue(user, loginId);
        try
        {
            user.SetPassword(body.Password, options.Value);
        }
        catch (ArgumentException)
        {
            // The policy already refuses what bcrypt cannot take; this is a last guard.
            return KegAuthProblem.PasswordPolicy([new KegPasswordProblem(KegPasswordProblemCodes.InvalidCharacters, "The password cannot be hashed.")]);
        }

        try
        {
            await creation.CreateUserAsync(user, sendMail: true, http.RequestAborted).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another registration of the same login id won the race: the unique index refused this one.
            return KegAuthProblem.Taken();
        }

        return Results.Created((string?)null, new KegLoginResponse(user.LoginId));
    }

    private static async Task<IResult> MeAsync(HttpContext http, KegUserStore<TContext, TUser> users)
    {
        var user = await users.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false);
        if (user is null)
        {
            return KegAuthProblem.InvalidCredentials();
        }

        var permissions = user is IKegPermissionUser holder
            ? [.. (await holder.GetAllPermissionTokensAsync(users.Context, http.RequestAborted).ConfigureAwait(false)).Order(StringComparer.Ordinal)]
            : Array.Empty<string>();
        return Results.Ok(new KegMeResponse(user.LoginId, user.IsSuperuser, permissions));
    }
}

/// <summary>The API-token routes, for users with <c>[KegUserToken]</c>.</summary>
internal static class KegApiTokenEndpoints<TContext, TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>, IKegUserToken
{
    /// <summary>Maps <c>POST</c> and <c>DELETE /api-token</c>.</summary>
    public static void Map(RouteGroupBuilder group)
    {
        group.MapPost("/api-token", IssueAsync).RequireAuthorization()
            .Named("IssueApiToken", "Issues a new API token (shown once), replacing the old one.").Produces<KegApiTokenResponse>();
        group.MapDelete("/api-token", RevokeAsync).RequireAuthorization()
            .Named("RevokeApiToken", "Revokes the user's API token.").Produces(StatusCodes.Status204NoContent);
    }

    private static async Task<IResult> IssueAsync(HttpContext http, KegUserStore<TContext, TUser> users)
    {
        var user = await users.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false);
        if (user is null)
        {
            return KegAuthProblem.InvalidCredentials();
        }

        // As the generated GenerateApiToken: keg-auth's default raw token, its fast hash stored.
        var raw = KegApiTokens.GenerateRaw(32, null, "ascii_50");
        user.Token = KegApiTokens.Hash(raw);
        await users.Context.SaveChangesAsync(http.RequestAborted).ConfigureAwait(false);
        return Results.Ok(new KegApiTokenResponse(KegApiTokens.Format(user.LoginId, raw)));
    }

    private static async Task<IResult> RevokeAsync(HttpContext http, KegUserStore<TContext, TUser> users)
    {
        var user = await users.GetAsync(http.User, http.RequestAborted).ConfigureAwait(false);
        if (user is null)
        {
            return KegAuthProblem.InvalidCredentials();
        }

        user.Token = null;
        await users.Context.SaveChangesAsync(http.RequestAborted).ConfigureAwait(false);
        return Results.NoContent();
    }
}

/// <summary>OpenAPI naming shared by the endpoints.</summary>
internal static class KegAuthEndpointNaming
{
    /// <summary>Names, summarises and tags an endpoint for OpenAPI.</summary>
    public static RouteHandlerBuilder Named(this RouteHandlerBuilder builder, string name, string summary)
        => builder.WithName("KegAuth" + name).WithSummary(summary).WithTags("KegAuth");
}
