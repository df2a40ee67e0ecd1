using Microsoft.AspNetCore.Http;

namespace KegAuth.AspNetCore.CrossSite;

/// <summary>Answers 403 problem+json (<c>code: cross-site-request</c>) to a state-changing request that may come from another site.</summary>
internal sealed class KegCrossSiteRequestFilter : IEndpointFilter
{
    /// <summary>The problem's <c>code</c>.</summary>
    public const string Code = "cross-site-request";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (await KegCrossSiteRequests.IsRefusedAsync(context.HttpContext).ConfigureAwait(false))
        {
            return Results.Problem(
                detail: "A state-changing request must send a JSON body or an antiforgery header; cross-site requests are refused.",
                statusCode: StatusCodes.Status403Forbidden,
                extensions: new Dictionary<string, object?> { ["code"] = Code });
        }

        return await next(context).ConfigureAwait(false);
    }
}
