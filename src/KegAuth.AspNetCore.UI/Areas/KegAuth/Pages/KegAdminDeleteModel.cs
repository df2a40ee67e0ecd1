using System.ComponentModel;
using KegAuth.AspNetCore.UI.Services;
using Microsoft.AspNetCore.Mvc;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>
/// The confirmation step of a delete: GET asks, only a POST (with its antiforgery token) deletes, then
/// redirects to the list. Supports KegAuth's pages; not meant to be used from app code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class KegAdminDeleteModel : KegAuthAdminPageModel
{
    /// <summary>The row's key, from the route.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    /// <summary>The name or login id of the row to delete.</summary>
    public string Name { get; private set; } = string.Empty;

    /// <summary>Whether the row may be deleted here (a permission declared in code may not).</summary>
    public bool CanDelete { get; private set; } = true;

    /// <summary>What is deleted.</summary>
    public KegEntityKind Kind => DeletedKind;

    /// <summary>"user", "group", "bundle" or "permission".</summary>
    public string Noun => KegAdminNames.Noun(Kind);

    /// <summary>The list's section, such as <c>users</c>.</summary>
    public string Section => KegAdminNames.Plural(Kind);

    /// <summary>What this page deletes.</summary>
    protected abstract KegEntityKind DeletedKind { get; }

    /// <summary>Asks for confirmation.</summary>
    /// <returns>The page, or 404.</returns>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync().ConfigureAwait(false) ? Page() : NotFound();

    /// <summary>Deletes and goes to the list; otherwise says why.</summary>
    /// <returns>A redirect, the page with the reason, or 404.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        var aborted = HttpContext.RequestAborted;
        var result = Kind == KegEntityKind.User
            ? await Admin.DeleteUserAsync(User, Key, aborted).ConfigureAwait(false)
            : await Admin.DeleteAsync(Kind, Key, aborted).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return Done("deleted", Section);
        }

        if (result.Outcome == KegAdminOutcome.NotFound || !await LoadAsync().ConfigureAwait(false))
        {
            return NotFound();
        }

        Error = result.Message;
        CanDelete = false;
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        var aborted = HttpContext.RequestAborted;
        if (Kind == KegEntityKind.User)
        {
            var user = await Admin.FindUserAsync(Key, aborted).ConfigureAwait(false);
            Name = user?.LoginId ?? string.Empty;
            return user is not null;
        }

        var item = await Admin.FindAsync(Kind, Key, aborted).ConfigureAwait(false);
        Name = item?.Name ?? string.Empty;
        CanDelete = item is { IsDeclared: false };
        if (item is { IsDeclared: true })
        {
            Error = "This permission is declared in the application's code; it cannot be deleted here.";
        }

        return item is not null;
    }
}

/// <summary>Deletes a user, after confirmation. Supports KegAuth's pages.</summary>
public sealed class UserDeleteModel : KegAdminDeleteModel
{
    /// <inheritdoc/>
    protected override KegEntityKind DeletedKind => KegEntityKind.User;
}

/// <summary>Deletes a group, after confirmation. Supports KegAuth's pages.</summary>
public sealed class GroupDeleteModel : KegAdminDeleteModel
{
    /// <inheritdoc/>
    protected override KegEntityKind DeletedKind => KegEntityKind.Group;
}

/// <summary>Deletes a bundle, after confirmation. Supports KegAuth's pages.</summary>
public sealed class BundleDeleteModel : KegAdminDeleteModel
{
    /// <inheritdoc/>
    protected override KegEntityKind DeletedKind => KegEntityKind.Bundle;
}

/// <summary>Deletes a permission that is not declared in code, after confirmation. Supports KegAuth's pages.</summary>
public sealed class PermissionDeleteModel : KegAdminDeleteModel
{
    /// <inheritdoc/>
    protected override KegEntityKind DeletedKind => KegEntityKind.Permission;
}
