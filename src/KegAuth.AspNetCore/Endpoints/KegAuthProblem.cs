using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace KegAuth.AspNetCore.Endpoints;

/// <summary>An <c>application/problem+json</c> answer with KegAuth's <c>code</c> extension, and <c>Retry-After</c> for lockouts.</summary>
internal sealed class KegAuthProblem(int status, string code, string detail, TimeSpan? retryAfter = null, IReadOnlyList<KegPasswordProblem>? problems = null) : IResult
{
    /// <summary>The problem's machine-readable code.</summary>
    public string Code => code;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (retryAfter is { } wait)
        {
            var seconds = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        }

        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (problems is not null)
        {
            extensions["problems"] = problems.Select(problem => new { code = problem.Code, message = problem.Message }).ToList();
        }

        return Results.Problem(detail: detail, statusCode: status, extensions: extensions).ExecuteAsync(httpContext);
    }

    public static KegAuthProblem InvalidCredentials() => new(StatusCodes.Status401Unauthorized, "invalid-credentials", "The login id or password is wrong.");

    public static KegAuthProblem Inactive() => new(StatusCodes.Status403Forbidden, "inactive", "The account is disabled or not verified.");

    public static KegAuthProblem LockedOut(TimeSpan retryAfter) => new(StatusCodes.Status429TooManyRequests, "locked-out", "Too many attempts; try again later.", retryAfter);

    public static KegAuthProblem InvalidToken() => new(StatusCodes.Status400BadRequest, "invalid-token", "The link is invalid, expired or already used.");

    public static KegAuthProblem Taken() => new(StatusCodes.Status409Conflict, "taken", "That login id is taken.");

    public static KegAuthProblem InvalidLoginId() => new(StatusCodes.Status400BadRequest, "invalid-login-id", "A login id without surrounding spaces or control characters is required.");

    public static KegAuthProblem PasswordPolicy(IReadOnlyList<KegPasswordProblem> problems) => new(StatusCodes.Status400BadRequest, "password-policy", "The new password cannot be used.", problems: problems);
}
