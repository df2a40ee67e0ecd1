using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace KegAuth.AspNetCore.UI.Services;

/// <summary>The admin's user list without the app's types (Razor Pages cannot be generic).</summary>
internal interface IKegAuthAdminUsers
{
    /// <summary>One page of users ordered by login id, after <paramref name="after"/>, whose login id starts with <paramref name="search"/>.</summary>
    Task<KegUserListPage> ListAsync(string? search, string? after, int pageSize, CancellationToken cancellationToken);
}

/// <summary>One row of the user list.</summary>
/// <param name="Key">The primary key as invariant text (the edit page's route).</param>
/// <param name="LoginId">The login id.</param>
/// <param name="IsEnabled">Whether the user is enabled.</param>
/// <param name="IsSuperuser">Whether the user is a superuser.</param>
/// <param name="LastLoginUtc">The last sign-in, if any.</param>
internal sealed record KegUserListRow(string Key, string LoginId, bool IsEnabled, bool IsSuperuser, DateTime? LastLoginUtc);

/// <summary>A page of users and the login id to continue after, when there are more.</summary>
/// <param name="Rows">The users.</param>
/// <param name="Next">The last login id of this page when another page follows; otherwise null.</param>
internal sealed record KegUserListPage(IReadOnlyList<KegUserListRow> Rows, string? Next);

/// <summary>
/// Keyset paging over the login id (unique and indexed): each page is an index range scan however far
/// the admin pages, where OFFSET would read and skip every earlier row. Search is by prefix for the
/// same reason, written as a range on the index (<see cref="KegAdminPrefix"/>); a substring search could not use it.
/// </summary>
/// <typeparam name="TContext">The app's context.</typeparam>
/// <typeparam name="TUser">The user type.</typeparam>
internal sealed class KegAuthAdminUsers<TContext, TUser>(TContext db) : IKegAuthAdminUsers
    where TContext : DbContext
    where TUser : class, IKegUser<TUser>
{
    public async Task<KegUserListPage> ListAsync(string? search, string? after, int pageSize, CancellationToken cancellationToken)
    {
        var login = TUser.LoginIdPropertyName;
        var key = db.Model.FindEntityType(typeof(TUser))!.FindPrimaryKey()!.Properties[0].Name;
        var query = db.Set<TUser>().AsNoTracking();
        if (!string.IsNullOrEmpty(search))
        {
            query = KegAdminPrefix.StartingWith(query, login, search);
        }

        if (!string.IsNullOrEmpty(after))
        {
            query = query.Where(u => string.Compare(EF.Property<string>(u, login), after) > 0);
        }

        var rows = await query.OrderBy(u => EF.Property<string>(u, login))
            .Take(pageSize + 1)
            .Select(u => new { Key = EF.Property<object>(u, key), LoginId = EF.Property<string>(u, login), u.IsEnabled, u.IsSuperuser, u.LastLoginUtc })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var page = rows.Take(pageSize)
            .Select(u => new KegUserListRow(Convert.ToString(u.Key, CultureInfo.InvariantCulture) ?? string.Empty, u.LoginId, u.IsEnabled, u.IsSuperuser, u.LastLoginUtc))
            .ToList();
        return new KegUserListPage(page, rows.Count > pageSize ? page[^1].LoginId : null);
    }
}
