using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KegAuth.AspNetCore.Tests;

/// <summary>The test app's endpoints, written as an app would write them.</summary>
public static class TestEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/login", async (LoginRequest request, HttpContext http, IKegSignIn<WebUser> signIn) =>
        {
            var result = await signIn.PasswordSignInAsync(http, request.Email, request.Password);
            return result.Status switch
            {
                KegSignInStatus.Succeeded => Results.Ok(new { email = result.User!.Email }),
                KegSignInStatus.LockedOut => Results.StatusCode(StatusCodes.Status429TooManyRequests),
                KegSignInStatus.Inactive => Results.Json(new { error = "Account disabled." }, statusCode: StatusCodes.Status403Forbidden),
                _ => Results.Json(new { error = "Invalid email or password." }, statusCode: StatusCodes.Status401Unauthorized),
            };
        });

        app.MapPost("/logout", async (HttpContext http, IKegSignIn<WebUser> signIn) =>
        {
            await signIn.SignOutAsync(http);
            return Results.NoContent();
        });

        app.MapGet("/me", async (HttpContext http, IKegCurrentUser<WebUser> current) =>
        {
            var user = await current.GetAsync(http.User);
            return user is null ? Results.Unauthorized() : Results.Ok(new { email = user.Email });
        }).RequireAuthorization();

        // The current user is tracked by the request's context, as IKegCurrentUser promises: a change to it saves.
        app.MapPost("/me/disable", async (HttpContext http, IKegCurrentUser<WebUser> current, WebContext db) =>
        {
            var user = await current.GetAsync(http.User);
            if (user is null)
            {
                return Results.Unauthorized();
            }

            var state = db.Entry(user).State.ToString();
            user.DisabledUtc = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            await db.SaveChangesAsync();
            return Results.Ok(new { state });
        }).RequireAuthorization();

        // Authentication alone, no database lookup: shows what the scheme decided.
        app.MapGet("/claims", (HttpContext http) => Results.Ok(new { name = http.User.Identity!.Name })).RequireAuthorization();

        app.MapGet("/reports", () => "reports").RequireKegPermissions("reports.view");
        app.MapGet("/reports-and-export", () => "both").RequireKegPermissions("reports.view", "reports.export");
        app.MapGet("/any-report", () => "any").RequireAnyKegPermission("reports.view", "reports.export");
        app.MapGet("/attribute", [KegPermissions("reports.view")] () => "attribute");

        app.MapPost("/forgot", async (ForgotRequest request, HttpContext http, IKegPasswordReset<WebUser> reset) =>
        {
            var status = await reset.ForgotPasswordAsync(request.Email, http.Connection.RemoteIpAddress?.ToString());
            return status == KegForgotPasswordStatus.LockedOut ? Results.StatusCode(StatusCodes.Status429TooManyRequests) : Results.Accepted();
        });

        app.MapPost("/reset", async (ResetRequest request, HttpContext http, IKegPasswordReset<WebUser> reset) =>
        {
            var status = (await reset.ResetPasswordAsync(request.UserKey, request.Token, request.NewPassword, http.Connection.RemoteIpAddress?.ToString())).Status;
            return status switch
            {
                KegResetPasswordStatus.Succeeded => Results.Ok(),
                KegResetPasswordStatus.LockedOut => Results.StatusCode(StatusCodes.Status429TooManyRequests),
                _ => Results.BadRequest(new { status = status.ToString() }),
            };
        });

        app.MapPost("/logout-everywhere", async (HttpContext http, IKegSignIn<WebUser> signIn) =>
        {
            await signIn.SignOutEverywhereAsync(http);
            return Results.NoContent();
        }).RequireAuthorization();

        // A state-changing endpoint of the app's own, protected as KegAuth's are.
        app.MapPost("/protected-action", () => Results.Ok(new { done = true })).RequireAuthorization().RefuseCrossSiteRequests();
    }
}
