using Microsoft.AspNetCore.Mvc;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>Sign-out through <see cref="IKegSignIn{TUser}.SignOutAsync"/>. Supports KegAuth's pages.</summary>
public sealed class LogoutModel : KegAuthPageModel
{
    /// <summary>Shows the sign-out button.</summary>
    public void OnGet()
    {
    }

    /// <summary>Removes the session cookie and returns to the sign-in page.</summary>
    /// <returns>A redirect to the sign-in page.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        await Actions.SignOutAsync(HttpContext).ConfigureAwait(false);
        return LocalRedirect(Url.Content("~/auth/login?done=signed-out"));
    }
}
