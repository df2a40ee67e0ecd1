using Microsoft.AspNetCore.Mvc;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>Forgot-password through <see cref="IKegPasswordReset{TUser}.ForgotPasswordAsync"/>. Supports KegAuth's pages.</summary>
public sealed class ForgotPasswordModel : KegAuthPageModel
{
    /// <summary>The login id as typed.</summary>
    [BindProperty]
    public string? LoginId { get; set; }

    /// <summary>Whether the request was taken (the form is then hidden).</summary>
    public bool Sent { get; private set; }

    /// <summary>Shows the form.</summary>
    public void OnGet()
    {
    }

    /// <summary>Asks for the mail; answers the same whether or not the account exists.</summary>
    /// <returns>The page.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(LoginId))
        {
            AddError("loginId", "Enter your username or email.");
            return Page();
        }

        var status = await Actions.ForgotPasswordAsync(HttpContext, LoginId).ConfigureAwait(false);
        if (status == KegForgotPasswordStatus.LockedOut)
        {
            Error = "Too many requests for this account. Try again later.";
            return Page();
        }

        Sent = true;
        Notice = "If that account exists, a link to choose a new password is on its way. Check your mail.";
        return Page();
    }
}
