using KegAuth.AspNetCore.ApiTokens;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace KegAuth.AspNetCore.CrossSite;

/// <summary>
/// Decides whether a state-changing request may have come from another site riding on the browser's
/// cookie. A browser sends a cross-site form or <c>fetch</c> without a preflight only as a "simple"
/// request: a form content type, no custom headers. So a request passes when it proves it is not one
/// (a JSON body, an API token header, or a valid antiforgery header) and the browser does not say it
/// came from elsewhere (<c>Sec-Fetch-Site</c>, <c>Origin</c>).
/// </summary>
internal static class KegCrossSiteRequests
{
    /// <summary>Whether <paramref name="context"/>'s request must be refused.</summary>
    public static async Task<bool> IsRefusedAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        {
            return false;
        }

        if (ComesFromAnotherSite(request))
        {
            return true;
        }

        if (IsJson(request) || CarriesApiToken(context))
        {
            return false;
        }

        var antiforgery = context.RequestServices.GetService<IAntiforgery>();
        return antiforgery is null || !await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
    }

    private static bool ComesFromAnotherSite(HttpRequest request)
    {
        // Fetch metadata: every current browser says where a request came from.
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        // Hosts only: behind a TLS-terminating proxy the scheme and port seen here differ from the browser's.
        return !Uri.TryCreate(origin, UriKind.Absolute, out var originUri)
               || !string.Equals(originUri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase);
    }

    private static bool IsJson(HttpRequest request)
        => MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
           && (type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
               || type.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static bool CarriesApiToken(HttpContext context)
    {
        // A browser never adds Authorization or a custom header to a cross-site request without a preflight.
        var header = context.RequestServices.GetService<IOptionsMonitor<KegApiTokenOptions>>()?.Get(KegAuthSchemes.ApiToken).HeaderName
                     ?? KegApiTokenOptions.DefaultHeaderName;
        return KegApiTokenReader.Read(context.Request, header) is not null;
    }
}
