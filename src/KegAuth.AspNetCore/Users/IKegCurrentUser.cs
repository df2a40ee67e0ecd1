using System.Security.Claims;

namespace KegAuth.AspNetCore;

/// <summary>The user behind a KegAuth principal (cookie or API token), loaded once per request.</summary>
/// <typeparam name="TUser">The user type.</typeparam>
public interface IKegCurrentUser<TUser>
    where TUser : class, IKegUser
{
    /// <summary>
    /// The user whose session key the principal carries, tracked by the request's context; <see langword="null"/>
    /// when the principal is anonymous, not a KegAuth principal, or its session key no longer matches a user.
    /// </summary>
    /// <param name="principal">The request's principal, e.g. <c>HttpContext.User</c>.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<TUser?> GetAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default);
}
