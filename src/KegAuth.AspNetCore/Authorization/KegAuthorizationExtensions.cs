using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace KegAuth.AspNetCore;

/// <summary>Permission requirements for endpoints and named policies.</summary>
public static class KegAuthorizationExtensions
{
    /// <summary>Needs an authenticated user holding every one of <paramref name="tokens"/> (a superuser passes).</summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="builder">The endpoint, group or route.</param>
    /// <param name="tokens">The permission tokens; at least one.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">No token was given, or one is null or empty.</exception>
    public static TBuilder RequireKegPermissions<TBuilder>(this TBuilder builder, [KegPermissionToken] params string[] tokens)
        where TBuilder : IEndpointConventionBuilder
        => builder.RequireAuthorization(new KegPermissionsAttribute(tokens));

    /// <summary>Needs an authenticated user holding at least one of <paramref name="tokens"/> (a superuser passes).</summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="builder">The endpoint, group or route.</param>
    /// <param name="tokens">The permission tokens; at least one.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentException">No token was given, or one is null or empty.</exception>
    public static TBuilder RequireAnyKegPermission<TBuilder>(this TBuilder builder, [KegPermissionToken] params string[] tokens)
        where TBuilder : IEndpointConventionBuilder
        => builder.RequireAuthorization(new KegAnyPermissionAttribute(tokens));

    /// <summary>Adds a requirement for every one of <paramref name="tokens"/> to a named policy.</summary>
    /// <param name="policy">The policy builder.</param>
    /// <param name="tokens">The permission tokens; at least one.</param>
    /// <returns>The same builder.</returns>
    public static AuthorizationPolicyBuilder RequireKegPermissions(this AuthorizationPolicyBuilder policy, [KegPermissionToken] params string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.RequireAuthenticatedUser().AddRequirements(new KegPermissionsRequirement(tokens, requireAll: true));
    }

    /// <summary>Adds a requirement for one of <paramref name="tokens"/> to a named policy.</summary>
    /// <param name="policy">The policy builder.</param>
    /// <param name="tokens">The permission tokens; at least one.</param>
    /// <returns>The same builder.</returns>
    public static AuthorizationPolicyBuilder RequireAnyKegPermission(this AuthorizationPolicyBuilder policy, [KegPermissionToken] params string[] tokens)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.RequireAuthenticatedUser().AddRequirements(new KegPermissionsRequirement(tokens, requireAll: false));
    }
}
