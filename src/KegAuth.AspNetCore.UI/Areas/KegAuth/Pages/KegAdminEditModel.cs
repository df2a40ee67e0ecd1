using System.ComponentModel;
using KegAuth.AspNetCore.UI.Services;
using Microsoft.AspNetCore.Mvc;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>
/// Edits a group, bundle or permission: its name (a permission's token and description) and what it
/// holds (a group: permissions and bundles; a bundle: permissions). A permission declared in code is
/// shown read-only. Supports KegAuth's pages; not meant to be used from app code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class KegAdminEditModel : KegAuthAdminPageModel
{
    /// <summary>The row's key, from the route.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    /// <summary>The name (a permission's token).</summary>
    [BindProperty]
    public string? Name { get; set; }

    /// <summary>A permission's description.</summary>
    [BindProperty]
    public string? Description { get; set; }

    /// <summary>Whether the permission is declared in code (then nothing here changes it).</summary>
    public bool IsDeclared { get; private set; }

    /// <summary>The checkboxes of what the row holds.</summary>
    public IReadOnlyList<KegChoiceList> Choices { get; private set; } = [];

    /// <summary>What is edited.</summary>
    public KegEntityKind Kind => EditedKind;

    /// <summary>"group", "bundle" or "permission".</summary>
    public string Noun => KegAdminNames.Noun(Kind);

    /// <summary>The section, such as <c>groups</c>.</summary>
    public string Section => KegAdminNames.Plural(Kind);

    /// <summary>What this page edits.</summary>
    protected abstract KegEntityKind EditedKind { get; }

    /// <summary>Shows the row.</summary>
    /// <param name="done">What the previous request finished.</param>
    /// <returns>The page, or 404.</returns>
    public async Task<IActionResult> OnGetAsync(string? done = null)
    {
        var item = await LoadAsync(null).ConfigureAwait(false);
        if (item is null)
        {
            return NotFound();
        }

        Name = item.Name;
        Description = item.Description;
        ShowDone(done, Noun);
        return Page();
    }

    /// <summary>Saves; redirects back on success, otherwise shows why.</summary>
    /// <returns>A redirect, the form again, or 404.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        var posted = PostedAssignments(KegEntityKind.Permission, KegEntityKind.Bundle);
        var result = await Admin.UpdateAsync(Kind, Key, Name, Description, posted, HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return Done("saved", Section, "edit", Key!);
        }

        if (result.Outcome == KegAdminOutcome.NotFound || await LoadAsync(posted).ConfigureAwait(false) is null)
        {
            return NotFound();
        }

        if (result.Outcome == KegAdminOutcome.ReadOnly && IsDeclared)
        {
            Error = result.Message;
        }
        else
        {
            AddError("name", result.Message ?? "This name cannot be used.");
        }

        return Page();
    }

    private async Task<KegAdminItem?> LoadAsync(IReadOnlyDictionary<KegEntityKind, IReadOnlyCollection<string>>? posted)
    {
        var item = await Admin.FindAsync(Kind, Key, HttpContext.RequestAborted).ConfigureAwait(false);
        if (item is not null)
        {
            IsDeclared = item.IsDeclared;
            Choices = ChoiceLists(item.Assignments, posted);
        }

        return item;
    }
}

/// <summary>Edits a group: name, permissions, bundles. Supports KegAuth's pages.</summary>
public sealed class GroupEditModel : KegAdminEditModel
{
    /// <inheritdoc/>
    protected override KegEntityKind EditedKind => KegEntityKind.Group;
}

/// <summary>Edits a bundle: name, permissions. Supports KegAuth's pages.</summary>
public sealed class BundleEditModel : KegAdminEditModel
{
    /// <inheritdoc/>
    protected override KegEntityKind EditedKind => KegEntityKind.Bundle;
}

/// <summary>Edits a permission not declared in code: token, description. Supports KegAuth's pages.</summary>
public sealed class PermissionEditModel : KegAdminEditModel
{
    /// <inheritdoc/>
    protected override KegEntityKind EditedKind => KegEntityKind.Permission;
}
