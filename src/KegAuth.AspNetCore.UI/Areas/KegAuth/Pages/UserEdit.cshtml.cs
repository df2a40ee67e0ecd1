using System.Globalization;
using KegAuth.AspNetCore.UI.Services;
using Microsoft.AspNetCore.Mvc;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>
/// Edits a user: login id, enabled, disabled-by-date, superuser (by a superuser only), its permissions,
/// bundles and groups; re-sends the verification mail. Every change is one save, so KegAuth resets the
/// session key of a user whose rights change. Supports KegAuth's pages.
/// </summary>
public sealed class UserEditModel : KegAuthAdminPageModel
{
    private static readonly KegEntityKind[] Assignable = [KegEntityKind.Permission, KegEntityKind.Bundle, KegEntityKind.Group];

    /// <summary>The user's key, from the route.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    /// <summary>The login id.</summary>
    [BindProperty]
    public string? LoginId { get; set; }

    /// <summary>Whether the user is enabled.</summary>
    [BindProperty]
    public bool IsEnabled { get; set; }

    /// <summary>Whether the user is a superuser.</summary>
    [BindProperty]
    public bool IsSuperuser { get; set; }

    /// <summary>The moment (UTC) from which the user is disabled, if any.</summary>
    [BindProperty]
    public DateTime? DisabledUtc { get; set; }

    /// <summary>Whether the signed-in admin is a superuser (who alone changes the superuser flag).</summary>
    public bool CanChangeSuperuser { get; private set; }

    /// <summary>Whether the email is verified; null for users without an email.</summary>
    public bool? IsVerified { get; private set; }

    /// <summary>The last sign-in, if any.</summary>
    public DateTime? LastLoginUtc { get; private set; }

    /// <summary>The permission, bundle and group checkboxes.</summary>
    public IReadOnlyList<KegChoiceList> Choices { get; private set; } = [];

    /// <summary>The disabled date as a <c>datetime-local</c> input's value.</summary>
    public string? DisabledValue => DisabledUtc?.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Shows the user.</summary>
    /// <param name="done">What the previous request finished.</param>
    /// <returns>The page, or 404.</returns>
    public async Task<IActionResult> OnGetAsync(string? done = null)
    {
        var user = await LoadAsync(null).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound();
        }

        LoginId = user.LoginId;
        IsEnabled = user.IsEnabled;
        IsSuperuser = user.IsSuperuser;
        DisabledUtc = user.DisabledUtc;
        ShowDone(done, "user");
        return Page();
    }

    /// <summary>Saves the form; redirects back on success, otherwise shows why.</summary>
    /// <returns>A redirect, the form again, or 404.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        var posted = PostedAssignments(Assignable);
        var user = await LoadAsync(posted).ConfigureAwait(false);
        if (user is null)
        {
            return NotFound();
        }

        // The box is not shown to an admin who may not change it: keep what the user has.
        var superuser = CanChangeSuperuser ? IsSuperuser : user.IsSuperuser;
        var disabled = DisabledUtc is { } date ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : (DateTime?)null;
        var result = await Admin.UpdateUserAsync(User, Key, new KegAdminUserChange(LoginId, IsEnabled, superuser, disabled, posted), HttpContext.RequestAborted).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case KegAdminOutcome.Done:
                return Done("saved", "users", "edit", Key!);
            case KegAdminOutcome.NotFound:
                return NotFound();
            case KegAdminOutcome.Forbidden:
                Error = result.Message;
                break;
            default:
                AddError("loginId", result.Message ?? "The login id cannot be used.");
                break;
        }

        IsSuperuser = superuser;
        return Page();
    }

    /// <summary>Mails the user a new verification link, through the same flow as the resend endpoint.</summary>
    /// <returns>A redirect, the page with the reason, or 404.</returns>
    public async Task<IActionResult> OnPostResendAsync()
    {
        var result = await Admin.ResendVerificationAsync(Key, HttpContext.Connection.RemoteIpAddress?.ToString(), HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.Outcome == KegAdminOutcome.NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            return Done("mailed", "users", "edit", Key!);
        }

        var user = await LoadAsync(null).ConfigureAwait(false);
        LoginId = user?.LoginId;
        IsEnabled = user?.IsEnabled ?? false;
        IsSuperuser = user?.IsSuperuser ?? false;
        DisabledUtc = user?.DisabledUtc;
        Error = result.Message;
        return Page();
    }

    private async Task<KegAdminUser?> LoadAsync(IReadOnlyDictionary<KegEntityKind, IReadOnlyCollection<string>>? posted)
    {
        var user = await Admin.FindUserAsync(Key, HttpContext.RequestAborted).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }

        CanChangeSuperuser = await Admin.IsSuperuserAsync(User, HttpContext.RequestAborted).ConfigureAwait(false);
        IsVerified = user.IsVerified;
        LastLoginUtc = user.LastLoginUtc;
        Choices = ChoiceLists(user.Assignments, posted);
        return user;
    }
}
