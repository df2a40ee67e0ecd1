using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.AspNetCore.Users;

/// <summary>The non-generic view of <see cref="KegUserStore{TContext, TUser}"/> that authorization handlers use.</summary>
internal interface IKegPrincipalUsers
{
    /// <summary>The request's context.</summary>
    DbContext Db { get; }

    /// <summary>The user behind <paramref name="principal"/>, or <see langword="null"/>.</summary>
    Task<IKegUser?> FindUserAsync(ClaimsPrincipal principal, CancellationToken cancellationToken);

    /// <summary>The user's type, for keys of node-wide caches.</summary>
    Type UserType { get; }

    /// <summary>The primary key of <paramref name="user"/> (tracked or not) as invariant text.</summary>
    string KeyOf(IKegUser user);
}
