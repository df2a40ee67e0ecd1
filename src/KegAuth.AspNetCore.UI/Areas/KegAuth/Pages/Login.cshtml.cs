using Microsoft.AspNetCore.Mvc;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>Sign-in with "remember me" and keg-auth's lockout, through <see cref="IKegSignIn{TUser}"/>. Supports KegAuth's pages.</summary>
public sealed class LoginModel : KegAuthPageModel
{
    /// <summary>The login id as typed, shown again after a failure.</summary>
    [BindProperty]
    public string? LoginId { get; set; }

    /// <summary>The password as typed; never shown again.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>Whether the cookie outlives the browser session.</summary>
    [BindProperty]
    public bool Remember { get; set; }

    /// <summary>Where to go after signing in; only a local path is followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Shows the form, with a notice after a sign-out, reset or verification.</summary>
    /// <param name="done">What the previous page finished: <c>signed-out</c>, <c>reset</c>, <c>verified</c>, or <c>expired</c> (the code step timed out).</param>
    public void OnGet(string? done = null) => Notice = done switch
    {
        "signed-out" => "You are signed out.",
        "reset" => "Your password was changed. Sign in with the new one.",
        "verified" => "Your account is verified. Sign in with your new password.",
        "expired" => "Your sign-in expired before the code was entered. Sign in again.",
        _ => null,
    };

    /// <summary>Signs in; on success follows the return URL, otherwise says why (lockout with the time left).</summary>
    /// <returns>A redirect, or the form again.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(LoginId))
        {
            AddError("loginId", "Enter your username or email.");
        }

        if (string.IsNullOrEmpty(Password))
        {
            AddError("password", "Enter your password.");
        }

        if (HasFieldErrors)
        {
            return Page();
        }

        var result = await Actions.SignInAsync(HttpContext, LoginId, Password, Remember).ConfigureAwait(false);
        switch (result.Status)
        {
            case KegSignInStatus.Succeeded:
                return LocalRedirect(ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Content("~/"));
            case KegSignInStatus.SecondFactorRequired:
                // The return URL rides along; the code page checks it is local before following it.
                return LocalRedirect(Url.Content("~/auth/second-factor") + (ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? "?returnUrl=" + Uri.EscapeDataString(ReturnUrl) : ""));
            case KegSignInStatus.LockedOut:
                Error = $"Too many failed sign-ins. Try again in {Describe(result.LockedOutFor)}.";
                break;
            case KegSignInStatus.Inactive:
                Error = "This account is disabled or not yet verified.";
                break;
            default:
                // Unknown user and wrong password read the same, as the service makes them cost the same.
                AddError("password", "The username or password is wrong.");
                break;
        }

        return Page();
    }
}
