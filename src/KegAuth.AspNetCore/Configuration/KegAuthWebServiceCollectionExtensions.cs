using KegAuth.AspNetCore.ApiTokens;
using KegAuth.AspNetCore.Authorization;
using KegAuth.AspNetCore.Configuration;
using KegAuth.AspNetCore.Cookies;
using KegAuth.AspNetCore.Users;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore;

/// <summary>Wires KegAuth into an ASP.NET Core app in one place.</summary>
public static class KegAuthWebServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="KegAuthOptions"/> (validated at start-up), authentication with
    /// <see cref="KegAuthSchemes.Default"/> as the default scheme, authorization with the permission
    /// handler, and <see cref="IKegCurrentUser{TUser}"/>. Chain <c>AddApiTokens</c>, <c>AddCookies</c>,
    /// <c>AddSignIn</c> and <c>AddPasswordReset</c> for the features the app uses.
    /// </summary>
    /// <typeparam name="TContext">The app's context; register it with <c>AddDbContext</c> and call <c>UseKegAuth</c> with the registered options.</typeparam>
    /// <typeparam name="TUser">The user type (<c>[KegUser]</c>).</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options (at least <see cref="KegAuthOptions.SecretKey"/>).</param>
    /// <returns>A builder for the web features.</returns>
    public static KegAuthWebBuilder<TContext, TUser> AddKegAuth<TContext, TUser>(this IServiceCollection services, Action<KegAuthOptions> configure)
        where TContext : DbContext
        where TUser : class, IKegUser<TUser>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddKegAuth(configure);
        services.TryAddScoped<KegUserStore<TContext, TUser>>();
        services.TryAddScoped<IKegCurrentUser<TUser>>(provider => provider.GetRequiredService<KegUserStore<TContext, TUser>>());
        services.TryAddScoped<IKegPrincipalUsers>(provider => provider.GetRequiredService<KegUserStore<TContext, TUser>>());
        services.TryAddSingleton<KegSessionValidator<TContext, TUser>>();
        services.TryAddSingleton<Telemetry.KegLoginIdFingerprint>();
        services.TryAddSingleton<KegPermissionCache>();
        services.TryAddSingleton<Sessions.KegSessionCache<TContext, TUser>>();
        services.AddOptions<KegSessionCacheOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KegSessionCacheOptions>, Sessions.KegSessionCacheOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IAuthorizationHandler, KegPermissionsHandler>());
        services.AddAuthorization();

        var schemes = new KegAuthSchemeSelection();
        services.TryAddSingleton(new KegAuthTypes(typeof(TContext), typeof(TUser), schemes));
        var authentication = services.AddAuthentication(KegAuthSchemes.Default)
            .AddPolicyScheme(KegAuthSchemes.Default, "KegAuth", options => options.ForwardDefaultSelector = context => SelectScheme(context, schemes));
        return new KegAuthWebBuilder<TContext, TUser>(services, authentication, schemes);
    }

    /// <summary>An API token goes to the token scheme; anything else to cookies, when the app added them.</summary>
    private static string SelectScheme(HttpContext context, KegAuthSchemeSelection schemes)
    {
        if (schemes.HasApiTokens)
        {
            var header = context.RequestServices.GetRequiredService<IOptionsMonitor<KegApiTokenOptions>>().Get(KegAuthSchemes.ApiToken).HeaderName;
            if (!schemes.HasCookies || KegApiTokenReader.Read(context.Request, header) is not null)
            {
                return KegAuthSchemes.ApiToken;
            }
        }

        return schemes.HasCookies
            ? KegAuthSchemes.Cookie
            : throw new InvalidOperationException("No KegAuth scheme was added: call AddApiTokens() or AddCookies() on the builder AddKegAuth returned.");
    }
}
