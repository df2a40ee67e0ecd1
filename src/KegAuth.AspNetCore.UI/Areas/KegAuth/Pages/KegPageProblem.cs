using Microsoft.AspNetCore.Mvc;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>A problem answer from a page's JSON handler (a page model has no <c>Problem()</c>): the script shows its <c>detail</c>.</summary>
internal static class KegPageProblem
{
    /// <summary>An <c>application/problem+json</c> result.</summary>
    public static IActionResult Of(string detail, int status)
        => new ObjectResult(new ProblemDetails { Detail = detail, Status = status }) { StatusCode = status, ContentTypes = { "application/problem+json" } };
}
