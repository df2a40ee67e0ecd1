using System.ComponentModel;
using KegAuth.AspNetCore.UI.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>
/// What every admin page shares: the <c>auth-manage</c> guard (inherited by each page model, so an
/// app's override that keeps the library's model keeps the guard), the admin service, and the
/// redirects of POST-redirect-GET. Supports KegAuth's pages; not meant to be used from app code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
[KegPermissions(UsersModel.ManagePermission)]
public abstract class KegAuthAdminPageModel : KegAuthPageModel
{
    /// <summary>The admin service closed over the app's types.</summary>
    internal IKegAuthAdmin Admin => HttpContext.RequestServices.GetRequiredService<IKegAuthAdmin>();

    /// <summary>The app-relative URL of an admin page: <c>~/auth/{section}</c> plus escaped path segments.</summary>
    /// <param name="section">The section, such as <c>users</c>.</param>
    /// <param name="segments">Further segments, such as <c>edit</c> and a key.</param>
    /// <returns>The URL.</returns>
    public string AdminUrl(string section, params string[] segments)
        => Url.Content("~/auth/" + section + string.Concat(segments.Select(s => "/" + Uri.EscapeDataString(s))));

    /// <summary>Redirects (so the browser GETs) to an admin page with <c>?done=</c> for its notice.</summary>
    /// <param name="done">What was done.</param>
    /// <param name="section">The section.</param>
    /// <param name="segments">Further segments.</param>
    /// <returns>The redirect.</returns>
    protected IActionResult Done(string done, string section, params string[] segments)
        => LocalRedirect(AdminUrl(section, segments) + "?done=" + Uri.EscapeDataString(done));

    /// <summary>The notice after a redirect: "created", "saved", "deleted" or "mailed".</summary>
    /// <param name="done">The query's <c>done</c>.</param>
    /// <param name="noun">What was changed, such as "user".</param>
    protected void ShowDone(string? done, string noun) => Notice = done switch
    {
        "created" => $"The {noun} was created.",
        "created-mailed" => $"The {noun} was created and a verification mail sent.",
        "saved" => "Your changes were saved.",
        "deleted" => $"The {noun} was deleted.",
        "mailed" => "A verification mail was sent.",
        _ => null,
    };

    /// <summary>The keys posted for each assignment list the form showed (a list shows a hidden marker so "none checked" is told from "not shown").</summary>
    /// <param name="kinds">The kinds the page may assign.</param>
    /// <returns>The keys by kind.</returns>
    internal Dictionary<KegEntityKind, IReadOnlyCollection<string>> PostedAssignments(params KegEntityKind[] kinds)
    {
        var posted = new Dictionary<KegEntityKind, IReadOnlyCollection<string>>();
        foreach (var kind in kinds)
        {
            var field = KegAdminNames.Plural(kind);
            if (Request.Form.ContainsKey(field + "-shown"))
            {
                posted[kind] = [.. Request.Form[field].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)];
            }
        }

        return posted;
    }

    /// <summary>The checkbox lists of <paramref name="choices"/>, with <paramref name="posted"/> selections kept after a refused POST.</summary>
    internal static IReadOnlyList<KegChoiceList> ChoiceLists(IEnumerable<KegAdminChoices> choices, IReadOnlyDictionary<KegEntityKind, IReadOnlyCollection<string>>? posted = null)
        => [.. choices.Select(c =>
        {
            var field = KegAdminNames.Plural(c.Kind);
            var selected = posted is not null && posted.TryGetValue(c.Kind, out var keys) ? keys.ToHashSet(StringComparer.Ordinal) : c.Selected;
            var legend = char.ToUpperInvariant(field[0]) + field[1..];
            return new KegChoiceList(field, legend, [.. c.Options.Select(o => new KegChoice(o.Key, o.Name, selected.Contains(o.Key)))]);
        })];
}

/// <summary>A list of checkboxes (a fieldset) for assigning permissions, bundles or groups. Supports KegAuth's pages.</summary>
/// <param name="Field">The form field: <c>permissions</c>, <c>bundles</c> or <c>groups</c>.</param>
/// <param name="Legend">The fieldset's legend.</param>
/// <param name="Choices">The checkboxes.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record KegChoiceList(string Field, string Legend, IReadOnlyList<KegChoice> Choices);

/// <summary>One checkbox of a <see cref="KegChoiceList"/>. Supports KegAuth's pages.</summary>
/// <param name="Key">The row's key (the value posted).</param>
/// <param name="Name">The name shown.</param>
/// <param name="Checked">Whether it is checked.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed record KegChoice(string Key, string Name, bool Checked);
