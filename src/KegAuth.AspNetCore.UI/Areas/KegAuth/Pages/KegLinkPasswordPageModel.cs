using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>
/// A page opened from a mailed link (reset or verification): the key and token come in the query, the
/// new password is checked by the policy in the service, and its problems are shown next to the field.
/// Supports KegAuth's pages.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class KegLinkPasswordPageModel : KegAuthPageModel
{
    /// <summary>The user's key from the link.</summary>
    [BindProperty(SupportsGet = true)]
    public string? UserKey { get; set; }

    /// <summary>The token from the link.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>The new password.</summary>
    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>The new password again.</summary>
    [BindProperty]
    public string? ConfirmPassword { get; set; }

    /// <summary>Whether the link has both its key and token (otherwise the form is not shown).</summary>
    public bool LinkComplete => !string.IsNullOrEmpty(UserKey) && !string.IsNullOrEmpty(Token);

    /// <summary>Where the sign-in page goes with its notice after success.</summary>
    protected abstract string DoneNotice { get; }

    /// <summary>Shows the form, or says the link is incomplete.</summary>
    public void OnGet()
    {
        if (!LinkComplete)
        {
            Error = IncompleteLink;
        }
    }

    /// <summary>Sets the password; on success goes to the sign-in page.</summary>
    /// <returns>A redirect, or the form with the problems.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!LinkComplete)
        {
            Error = IncompleteLink;
            return Page();
        }

        if (!Confirms(NewPassword, ConfirmPassword, "confirmPassword"))
        {
            return Page();
        }

        var result = await SetPasswordAsync().ConfigureAwait(false);
        switch (result.Status)
        {
            case KegResetPasswordStatus.Succeeded:
                return LocalRedirect(Url.Content("~/auth/login?done=" + DoneNotice));
            case KegResetPasswordStatus.PasswordRejected:
                AddProblems("newPassword", result.Problems);
                break;
            case KegResetPasswordStatus.LockedOut:
                Error = "Too many attempts with this account's links. Try again later.";
                break;
            default:
                Error = "This link is wrong, expired or already used. Ask for a new one.";
                break;
        }

        return Page();
    }

    /// <summary>Calls the service with the link and the new password.</summary>
    /// <returns>The outcome.</returns>
    private protected abstract Task<KegResetPasswordResult> SetPasswordAsync();

    private const string IncompleteLink = "This link is incomplete. Open the whole link from the mail, or ask for a new one.";
}
