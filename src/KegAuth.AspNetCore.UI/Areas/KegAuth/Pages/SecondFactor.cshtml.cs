using Microsoft.AspNetCore.Mvc;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>
/// The code step of a two-step sign-in (an authenticator or recovery code), through
/// <see cref="IKegSecondFactorSignIn{TUser}"/>. Reached from the sign-in page when the password was right
/// and the user's authenticator is on. Supports KegAuth's pages.
/// </summary>
public sealed class SecondFactorModel : KegAuthPageModel
{
    /// <summary>The code as typed; never shown again.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>Whether to skip this step on this browser from now on.</summary>
    [BindProperty]
    public bool RememberDevice { get; set; }

    /// <summary>Where to go after signing in; only a local path is followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Shows the form while a password step waits for its code; otherwise back to the sign-in page.</summary>
    /// <returns>The page or a redirect.</returns>
    public IActionResult OnGet() => SecondFactor.HasPendingSignIn(HttpContext) ? Page() : LocalRedirect(Url.Content("~/auth/login"));

    /// <summary>Checks the code; on success follows the return URL, otherwise says why.</summary>
    /// <returns>A redirect, or the form again.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            AddError("code", "Enter the code from your app, or a recovery code.");
            return Page();
        }

        var result = await SecondFactor.CompleteAsync(HttpContext, Code, RememberDevice).ConfigureAwait(false);
        switch (result.Status)
        {
            case KegSecondFactorStatus.Succeeded:
                return LocalRedirect(ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Content("~/"));
            case KegSecondFactorStatus.NoPendingSignIn:
                return LocalRedirect(Url.Content("~/auth/login?done=expired"));
            case KegSecondFactorStatus.LockedOut:
                Error = $"Too many failed sign-ins. Try again in {Describe(result.LockedOutFor)}.";
                break;
            case KegSecondFactorStatus.Inactive:
                Error = "This account is disabled or not yet verified.";
                break;
            default:
                AddError("code", "That code is wrong or was already used.");
                break;
        }

        return Page();
    }
}
