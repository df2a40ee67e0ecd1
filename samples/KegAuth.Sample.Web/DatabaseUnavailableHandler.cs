using System.Data.Common;
using System.Net.Sockets;
using Microsoft.AspNetCore.Diagnostics;

namespace KegAuth.Sample.Web;

/// <summary>
/// Answers 503 with <c>Retry-After</c> (a problem with code <c>unavailable</c>, no exception details)
/// when a request failed because the database could not be reached: the database is the shared engine
/// of every node, so while it is away no node can decide anything, and a client or load balancer
/// should retry rather than report a server bug. Other exceptions stay 500.
/// </summary>
public sealed class DatabaseUnavailableHandler : IExceptionHandler
{
    /// <summary>The seconds a client is asked to wait.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnavailable(exception))
        {
            return false;
        }

        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The service cannot reach its database; try again shortly.",
                extensions: new Dictionary<string, object?> { ["code"] = "unavailable" })
            .ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>
    /// A transient database failure anywhere in the chain (connection refused or cut, server shutting
    /// down or starting up: Npgsql marks these transient), or a timeout. A constraint violation is not.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException { IsTransient: true } or TimeoutException or SocketException)
            {
                return true;
            }
        }

        return false;
    }
}
