using Microsoft.AspNetCore.Mvc;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>Change-password through <see cref="IKegSignIn{TUser}.ChangePasswordAsync"/>. Supports KegAuth's pages.</summary>
public sealed class ChangePasswordModel : KegAuthPageModel
{
    /// <summary>The current password.</summary>
    [BindProperty]
    public string? CurrentPassword { get; set; }

    /// <summary>The new password.</summary>
    [BindProperty]
    public string? NewPassword { get; set; }

    /// <summary>The new password again.</summary>
    [BindProperty]
    public string? ConfirmPassword { get; set; }

    /// <summary>Shows the form to a signed-in user; sends anyone else to the sign-in page.</summary>
    /// <returns>The page or a redirect.</returns>
    public IActionResult OnGet() => SignedIn() ? Page() : ToLogin();

    /// <summary>Changes the password; other sessions end, this one stays.</summary>
    /// <returns>The page or a redirect.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!SignedIn())
        {
            return ToLogin();
        }

        if (string.IsNullOrEmpty(CurrentPassword))
        {
            AddError("currentPassword", "Enter your current password.");
            return Page();
        }

        if (!Confirms(NewPassword, ConfirmPassword, "confirmPassword"))
        {
            return Page();
        }

        var result = await Actions.ChangePasswordAsync(HttpContext, CurrentPassword, NewPassword).ConfigureAwait(false);
        switch (result.Status)
        {
            case KegChangePasswordStatus.Succeeded:
                Notice = "Your password was changed. Your other sessions are signed out.";
                break;
            case KegChangePasswordStatus.PasswordRejected:
                AddProblems("newPassword", result.Problems);
                break;
            case KegChangePasswordStatus.LockedOut:
                Error = "Too many wrong passwords. Try again later.";
                break;
            case KegChangePasswordStatus.NotSignedIn:
                return ToLogin();
            default:
                AddError("currentPassword", "The current password is wrong.");
                break;
        }

        return Page();
    }

    // Not [Authorize]: with KegAuth's UseStatusCodes the cookie answers 401 instead of redirecting, and a page should redirect.
    private bool SignedIn() => User.Identity?.IsAuthenticated == true;

    private IActionResult ToLogin() => LocalRedirect(Url.Content("~/auth/login?returnUrl=" + Uri.EscapeDataString("/auth/change-password")));
}
