using KegAuth.AspNetCore.CrossSite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KegAuth.AspNetCore;

/// <summary>Protects an app's own state-changing endpoints from cross-site requests, as KegAuth's are.</summary>
public static class KegCrossSiteEndpointExtensions
{
    /// <summary>
    /// Refuses (403 problem+json, <c>code: cross-site-request</c>) a POST, PUT, PATCH or DELETE that the
    /// browser marks as coming from another site (<c>Sec-Fetch-Site</c>, or an <c>Origin</c> whose host
    /// differs from the request's), and a POST that does not prove it is no "simple" request a foreign
    /// form could send: a JSON body (<c>application/json</c> or <c>+json</c>), an API token, or a valid
    /// ASP.NET Core antiforgery header (PUT, PATCH and DELETE always need a CORS preflight). A cookie alone
    /// never suffices, so a form on another site cannot act with the user's session. An endpoint that
    /// binds a JSON body already answers 415 to a form before this filter runs. Put it on every
    /// endpoint that changes state for a cookie-signed-in user; GET endpoints must not change state.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint or group builder.</typeparam>
    /// <param name="builder">The endpoint (or route group) to protect.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder RefuseCrossSiteRequests<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddEndpointFilter(new KegCrossSiteRequestFilter());
    }
}
