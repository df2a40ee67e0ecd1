using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.Cookies;

/// <summary>
/// Chains KegAuth's session check after the app's own <c>OnValidatePrincipal</c> (rather than replacing
/// <see cref="CookieAuthenticationOptions.Events"/>), so the app keeps its events.
/// </summary>
internal static class KegCookieEventWiring<TContext, TUser>
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
{
    public static void Wire(CookieAuthenticationOptions cookie, IOptions<KegCookieOptions> options)
    {
        var events = cookie.Events;
        var appValidate = events.OnValidatePrincipal;
        events.OnValidatePrincipal = async context =>
        {
            await appValidate(context).ConfigureAwait(false);
            if (context.Principal is not null)
            {
                var validator = context.HttpContext.RequestServices.GetRequiredService<KegSessionValidator<TContext, TUser>>();
                await validator.ValidateAsync(context).ConfigureAwait(false);
            }
        };

        if (options.Value.UseStatusCodes)
        {
            events.OnRedirectToLogin = context => SetStatus(context.Response, StatusCodes.Status401Unauthorized);
            events.OnRedirectToAccessDenied = context => SetStatus(context.Response, StatusCodes.Status403Forbidden);
        }
    }

    private static Task SetStatus(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
