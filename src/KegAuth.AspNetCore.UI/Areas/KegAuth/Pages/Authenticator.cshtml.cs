using Microsoft.AspNetCore.Mvc;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>
/// The signed-in user's authenticator app through <see cref="IKegTotpManager{TUser}"/>: set it up (QR
/// code and key), turn it on with a first code (recovery codes shown once), make new recovery codes,
/// turn it off with the password. Supports KegAuth's pages.
/// </summary>
public sealed class AuthenticatorModel : KegAuthPageModel
{
    /// <summary>The first code from the app.</summary>
    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The password, to turn the authenticator off.</summary>
    [BindProperty]
    public string? Password { get; set; }

    /// <summary>The user's authenticator state.</summary>
    public KegTotpState? State { get; private set; }

    /// <summary>The pending set-up to show (QR code and key), if any.</summary>
    public KegTotpSetup? Setup { get; private set; }

    /// <summary>New recovery codes, shown once.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    /// <summary>Shows the state (and a pending set-up) to a signed-in user; sends anyone else to the sign-in page.</summary>
    /// <returns>The page or a redirect.</returns>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync().ConfigureAwait(false) ? Page() : ToLogin();

    /// <summary>Begins a set-up.</summary>
    /// <returns>The page or a redirect.</returns>
    public async Task<IActionResult> OnPostBeginAsync()
    {
        var result = await SecondFactor.BeginAsync(HttpContext).ConfigureAwait(false);
        if (result.Status == KegTotpChangeStatus.AlreadyEnabled)
        {
            Error = "The authenticator is already on.";
        }

        return await LoadAsync().ConfigureAwait(false) ? Page() : ToLogin();
    }

    /// <summary>Turns the authenticator on with a first code, and shows the recovery codes.</summary>
    /// <returns>The page or a redirect.</returns>
    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var result = await SecondFactor.ConfirmAsync(HttpContext, Code).ConfigureAwait(false);
        switch (result.Status)
        {
            case KegTotpChangeStatus.Succeeded:
                Notice = "Your authenticator app is on. Your other sessions are signed out.";
                RecoveryCodes = result.RecoveryCodes;
                break;
            case KegTotpChangeStatus.InvalidCode:
                AddError("code", "That code is wrong. Check the app shows this account, and try the newest code.");
                break;
            case KegTotpChangeStatus.NoPendingSetup:
                Error = "Start the set-up first.";
                break;
        }

        return await LoadAsync().ConfigureAwait(false) ? Page() : ToLogin();
    }

    /// <summary>Makes new recovery codes and shows them.</summary>
    /// <returns>The page or a redirect.</returns>
    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var result = await SecondFactor.GenerateRecoveryCodesAsync(HttpContext).ConfigureAwait(false);
        if (result.Succeeded)
        {
            Notice = "New recovery codes; the old ones no longer work.";
            RecoveryCodes = result.RecoveryCodes;
        }

        return await LoadAsync().ConfigureAwait(false) ? Page() : ToLogin();
    }

    /// <summary>Turns the authenticator off after checking the password.</summary>
    /// <returns>The page or a redirect.</returns>
    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (string.IsNullOrEmpty(Password))
        {
            AddError("password", "Enter your password.");
            return await LoadAsync().ConfigureAwait(false) ? Page() : ToLogin();
        }

        var result = await SecondFactor.DisableAsync(HttpContext, Password).ConfigureAwait(false);
        switch (result.Status)
        {
            case KegTotpChangeStatus.Succeeded:
                Notice = "Your authenticator app is off. Your other sessions are signed out.";
                break;
            case KegTotpChangeStatus.LockedOut:
                Error = "Too many wrong passwords. Try again later.";
                break;
            case KegTotpChangeStatus.InvalidCredentials:
                AddError("password", "The password is wrong.");
                break;
        }

        return await LoadAsync().ConfigureAwait(false) ? Page() : ToLogin();
    }

    private async Task<bool> LoadAsync()
    {
        // Not [Authorize]: with KegAuth's UseStatusCodes the cookie answers 401 instead of redirecting, and a page should redirect.
        if (User.Identity?.IsAuthenticated != true || !SecondFactor.IsAvailable)
        {
            return false;
        }

        State = await SecondFactor.GetStateAsync(HttpContext).ConfigureAwait(false);
        Setup = State is { Pending: true } ? await SecondFactor.GetPendingSetupAsync(HttpContext).ConfigureAwait(false) : null;
        return State is not null;
    }

    private IActionResult ToLogin() => LocalRedirect(Url.Content("~/auth/login?returnUrl=" + Uri.EscapeDataString("/auth/authenticator")));
}
