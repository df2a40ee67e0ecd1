using System.Reflection;
using KegAuth.AspNetCore.Configuration;
using KegAuth.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.AspNetCore;

/// <summary>Maps KegAuth's ready-made JSON endpoints (edge.md).</summary>
public static class KegAuthEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the JSON endpoints of the features the app added with <c>AddKegAuth</c> under
    /// <see cref="KegAuthEndpointOptions.Prefix"/> (default <c>/api/auth</c>): login, logout,
    /// logout-everywhere, change-password (with <c>AddSignIn</c>), forgot- and reset-password (with
    /// <c>AddPasswordReset</c>), api-token (with <c>AddApiTokens</c> and a <c>[KegUserToken]</c> user), me,
    /// and for a <c>[KegUserTotp]</c> user with sign-in, login/second-factor and totp (docs/second-factor.md).
    /// Errors are <c>application/problem+json</c> with a <c>code</c> extension; lockouts answer 429 with
    /// <c>Retry-After</c>; every state-changing route refuses cross-site requests (send JSON, an API token
    /// or an antiforgery header). Each route carries OpenAPI metadata (name, summary, tag <c>KegAuth</c>).
    /// </summary>
    /// <param name="endpoints">The app.</param>
    /// <param name="configure">Chooses the prefix and the routes.</param>
    /// <returns>The route group, to add conventions (rate limiting, CORS, ...).</returns>
    /// <exception cref="InvalidOperationException"><c>AddKegAuth&lt;TContext, TUser&gt;</c> was not called.</exception>
    public static RouteGroupBuilder MapKegAuthEndpoints(this IEndpointRouteBuilder endpoints, Action<KegAuthEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = new KegAuthEndpointOptions();
        configure?.Invoke(options);
        var types = endpoints.ServiceProvider.GetService<KegAuthTypes>()
            ?? throw new InvalidOperationException("MapKegAuthEndpoints needs KegAuth's services: call builder.Services.AddKegAuth<TContext, TUser>(...) first.");
        var services = endpoints.ServiceProvider.GetRequiredService<IServiceProviderIsService>();
        var group = endpoints.MapGroup(options.Prefix).RefuseCrossSiteRequests();

        // The app's types are known only at run time: map through the generic shells once, at start-up.
        Invoke(typeof(KegAuthEndpoints<,>), types, group, options.Endpoints, services);
        if (options.Endpoints.HasFlag(KegAuthEndpoint.ApiToken) && types.Schemes.HasApiTokens && typeof(IKegUserToken).IsAssignableFrom(types.User))
        {
            Invoke(typeof(KegApiTokenEndpoints<,>), types, group);
        }

        if (options.Endpoints.HasFlag(KegAuthEndpoint.Passkeys) && services.IsService(typeof(IKegPasskeys)))
        {
            KegPasskeyEndpoints.Map(group);
        }

        if (typeof(IKegUserTotp).IsAssignableFrom(types.User))
        {
            Invoke(typeof(KegTotpEndpoints<,>), types, group, options.Endpoints, services);
        }

        return group;
    }

    private static void Invoke(Type shell, KegAuthTypes types, params object[] arguments)
        => shell.MakeGenericType(types.Context, types.User)
            .GetMethod("Map", BindingFlags.Public | BindingFlags.Static)!
            .Invoke(null, arguments);
}
