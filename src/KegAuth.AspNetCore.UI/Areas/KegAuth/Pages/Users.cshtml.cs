using KegAuth.AspNetCore.UI.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>The admin's user list (search by login id prefix, keyset paging), for users with <c>auth-manage</c>. Supports KegAuth's pages.</summary>
public sealed class UsersModel : KegAuthAdminPageModel
{
    /// <summary>keg-auth's permission for its admin views.</summary>
    public const string ManagePermission = "auth-manage";

    /// <summary>Users per page.</summary>
    public const int PageSize = 25;

    /// <summary>The login id prefix searched for.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    /// <summary>The login id this page starts after (keyset paging); null on the first page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    internal KegUserListPage Listing { get; private set; } = new([], null);

    /// <summary>Lists one page.</summary>
    /// <param name="done">What the previous page finished (<c>deleted</c>).</param>
    /// <returns>A task.</returns>
    public async Task OnGetAsync(string? done = null)
    {
        ShowDone(done, "user");
        Listing = await HttpContext.RequestServices.GetRequiredService<IKegAuthAdminUsers>()
            .ListAsync(Search, After, PageSize, HttpContext.RequestAborted).ConfigureAwait(false);
    }
}
