using System.ComponentModel;
using KegAuth.AspNetCore.UI.Services;
using Microsoft.AspNetCore.Mvc;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>
/// A list of groups, bundles or permissions (search by name prefix, keyset paging) with a form that
/// creates one. Supports KegAuth's pages; not meant to be used from app code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class KegAdminListModel : KegAuthAdminPageModel
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 25;

    /// <summary>The name prefix searched for.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    /// <summary>The name this page starts after (keyset paging); null on the first page.</summary>
    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>The name of the row to create.</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>The description of the permission to create.</summary>
    [BindProperty]
    public string? Description { get; set; }

    /// <summary>What is listed.</summary>
    public KegEntityKind Kind => ListedKind;

    /// <summary>"group", "bundle" or "permission".</summary>
    public string Noun => KegAdminNames.Noun(Kind);

    /// <summary>The section, such as <c>groups</c>.</summary>
    public string Section => KegAdminNames.Plural(Kind);

    /// <summary>Whether the app's model maps this kind at all.</summary>
    public bool IsMapped { get; private set; }

    /// <summary>The rows of this page.</summary>
    public IReadOnlyList<KegAdminListRow> Rows { get; private set; } = [];

    /// <summary>The name to continue after, when another page follows.</summary>
    public string? Next { get; private set; }

    /// <summary>What this page lists.</summary>
    protected abstract KegEntityKind ListedKind { get; }

    /// <summary>Lists one page.</summary>
    /// <param name="done">What the previous request finished (<c>deleted</c>).</param>
    /// <returns>A task.</returns>
    public async Task OnGetAsync(string? done = null)
    {
        ShowDone(done, Noun);
        await ListAsync().ConfigureAwait(false);
    }

    /// <summary>Creates a row and goes to its edit page; otherwise shows why next to the name.</summary>
    /// <returns>A redirect, or the list again.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        var result = await Admin.CreateAsync(Kind, Name, Description, HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return Done("created", Section, "edit", result.Key!);
        }

        AddError("name", result.Message ?? $"The {Noun} could not be created.");
        await ListAsync().ConfigureAwait(false);
        return Page();
    }

    private async Task ListAsync()
    {
        IsMapped = Admin.Maps(Kind);
        var page = await Admin.ListAsync(Kind, Search, After, PageSize, HttpContext.RequestAborted).ConfigureAwait(false);
        Rows = [.. page.Rows.Select(r => new KegAdminListRow(r.Key, r.Name, r.Description, r.IsDeclared))];
        Next = page.Next;
    }
}

/// <summary>One row of a group, bundle or permission list. Supports KegAuth's pages.</summary>
/// <param name="Key">The key (the edit page's route).</param>
/// <param name="Name">The name (a permission's token).</param>
/// <param name="Description">A permission's description.</param>
/// <param name="IsDeclared">Whether the permission is declared in code (read-only here).</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record KegAdminListRow(string Key, string Name, string? Description, bool IsDeclared);

/// <summary>The groups: list, search, create. Supports KegAuth's pages.</summary>
public sealed class GroupsModel : KegAdminListModel
{
    /// <inheritdoc/>
    protected override KegEntityKind ListedKind => KegEntityKind.Group;
}

/// <summary>The bundles: list, search, create. Supports KegAuth's pages.</summary>
public sealed class BundlesModel : KegAdminListModel
{
    /// <inheritdoc/>
    protected override KegEntityKind ListedKind => KegEntityKind.Bundle;
}

/// <summary>The permissions: list, search, create (those declared in code are read-only). Supports KegAuth's pages.</summary>
public sealed class PermissionsModel : KegAdminListModel
{
    /// <inheritdoc/>
    protected override KegEntityKind ListedKind => KegEntityKind.Permission;
}
