using KegAuth.AspNetCore.CrossSite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace KegAuth.AspNetCore;

/// <summary>Protects an app's own state-changing endpoints from cross-site requests, as KegAuth's are.</summary>
public static class KegCrossSiteEndpointExtensions
{
    /// <summary>
    /// Refuses (403 problem+json, <c>code: cross-site-request</c>) a POST, PUT, PATCH or DELETE unless it
    /// sends a JSON body (<c>application/json</c> or <c>+json</c>), an API token, or a valid ASP.NET Core
    /// antiforgery header, and the browser does not mark it as coming from another site
    /// (<c>Sec-Fetch-Site</c>, or an <c>Origin</c> whose host differs from the request's). A cookie alone
    /// never suffices, so a form on another site cannot act with the user's session. Put it on every
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
