using KegAuth.AspNetCore.UI.Services;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KegAuth.AspNetCore;

/// <summary>
/// Adds and maps KegAuth's pages (edge.md, "Pages"): <c>/auth/login</c>, <c>/auth/logout</c>,
/// <c>/auth/forgot-password</c>, <c>/auth/reset-password</c>, <c>/auth/verify-account</c> and
/// <c>/auth/change-password</c>; for a user type with <c>[KegUserTotp]</c>, <c>/auth/second-factor</c> (the
/// code step of sign-in) and <c>/auth/authenticator</c> (set up, recovery codes, turn off); and, for users with the permission <c>auth-manage</c>, the admin:
/// <c>/auth/users</c>, <c>/auth/groups</c>, <c>/auth/bundles</c> and <c>/auth/permissions</c>, each with
/// its <c>create</c>/<c>edit/{key}</c>/<c>delete/{key}</c> pages.
/// </summary>
/// <remarks>
/// Razor Pages rather than Blazor static SSR: a page is one GET and one POST with a plain HTML form,
/// antiforgery is validated on every POST by default, nothing needs a circuit or JavaScript, and an app
/// overrides a page the way it overrides ASP.NET Core Identity UI's: it adds a file at the same path,
/// <c>Areas/KegAuth/Pages/Login.cshtml</c> (or <c>Shared/_KegAuthLayout.cshtml</c> for the frame), and
/// the app's copy wins over the library's.
/// </remarks>
public static class KegAuthPagesExtensions
{
    /// <summary>
    /// Registers the pages (Razor Pages, antiforgery) over the app's <see cref="IKegSignIn{TUser}"/> and
    /// <see cref="IKegPasswordReset{TUser}"/>: call after <c>AddSignIn</c> and <c>AddPasswordReset</c>.
    /// Reset and verification mails already link to <c>/auth/reset-password</c> and <c>/auth/verify-account</c>.
    /// </summary>
    /// <typeparam name="TContext">The app's context.</typeparam>
    /// <typeparam name="TUser">The user type.</typeparam>
    /// <param name="builder">The KegAuth builder.</param>
    /// <returns>The same builder.</returns>
    public static KegAuthWebBuilder<TContext, TUser> AddPages<TContext, TUser>(this KegAuthWebBuilder<TContext, TUser> builder)
        where TContext : DbContext
        where TUser : class, IKegUser<TUser>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorPages();
        builder.Services.TryAddScoped<IKegAuthPageActions, KegAuthPageActions<TUser>>();
        builder.Services.TryAddScoped<IKegSecondFactorPageActions, KegSecondFactorPageActions<TUser>>();
        builder.Services.TryAddScoped<IKegAuthAdminUsers, KegAuthAdminUsers<TContext, TUser>>();
        builder.Services.TryAddScoped<IKegAuthAdmin, KegAuthAdmin<TContext, TUser>>();
        builder.Services.TryAddSingleton(new KegAuthPagesMarker(typeof(TUser)));
        return builder;
    }

    /// <summary>
    /// Maps KegAuth's pages under <c>/auth</c>. This maps the app's Razor Pages too (it is
    /// <c>MapRazorPages</c>; calling both is harmless). The pages' stylesheet is a static web asset,
    /// <c>_content/KegAuth.AspNetCore.UI/kegauth.css</c>: serve static assets (<c>app.MapStaticAssets()</c>
    /// or <c>app.UseStaticFiles()</c>).
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <returns>The Razor Pages conventions builder.</returns>
    /// <exception cref="InvalidOperationException"><c>AddPages</c>, <c>AddSignIn</c> or <c>AddPasswordReset</c> was not called.</exception>
    public static PageActionEndpointConventionBuilder MapKegAuthPages(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var marker = endpoints.ServiceProvider.GetService<KegAuthPagesMarker>()
            ?? throw new InvalidOperationException("MapKegAuthPages needs the pages' services: call builder.Services.AddKegAuth<TContext, TUser>(...).AddSignIn<TAttempt>().AddPasswordReset<TAttempt, TSender>(...).AddPages() first.");
        var services = endpoints.ServiceProvider.GetRequiredService<IServiceProviderIsService>();
        foreach (var needed in new[] { typeof(IKegSignIn<>), typeof(IKegPasswordReset<>) })
        {
            // Fail at start-up, not on the first visitor's POST.
            var closed = needed.MakeGenericType(marker.User);
            if (!services.IsService(closed))
            {
                throw new InvalidOperationException($"MapKegAuthPages needs {needed.Name.TrimEnd('`', '1')}<{marker.User.Name}>: call AddSignIn and AddPasswordReset on AddKegAuth's builder.");
            }
        }

        return endpoints.MapRazorPages();
    }
}

/// <summary>The user type <c>AddPages</c> was called with, to check the needed services at mapping time.</summary>
/// <param name="User">The user type.</param>
internal sealed record KegAuthPagesMarker(Type User);
