using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>
/// The signed-in user's passkeys: add (through the page's script and the <c>Options</c> and
/// <c>Register</c> JSON handlers), rename and remove (plain forms). Supports KegAuth's pages.
/// </summary>
// The authenticator's answer is a few kilobytes; nothing bigger is read.
[RequestSizeLimit(64 * 1024)]
public sealed class PasskeysModel : KegAuthPageModel
{
    /// <summary>The user's passkeys.</summary>
    public IReadOnlyList<KegPasskeyInfo> Items { get; private set; } = [];

    private IKegPasskeys? Passkeys => HttpContext.RequestServices.GetService<IKegPasskeys>();

    /// <summary>Lists the passkeys of a signed-in user; sends anyone else to the sign-in page.</summary>
    /// <param name="done">What the previous request finished: <c>added</c>.</param>
    /// <returns>The page, a redirect, or 404 without passkeys.</returns>
    public async Task<IActionResult> OnGetAsync(string? done = null)
    {
        if (Passkeys is not { } passkeys)
        {
            return NotFound();
        }

        if (!SignedIn())
        {
            return ToLogin();
        }

        Notice = done == "added" ? "Passkey added. Your other sessions are signed out." : null;
        Items = await passkeys.ListAsync(HttpContext).ConfigureAwait(false);
        return Page();
    }

    /// <summary>The WebAuthn creation options for the signed-in user.</summary>
    /// <returns>JSON, 401 or 404.</returns>
    public async Task<IActionResult> OnPostOptionsAsync()
    {
        if (Passkeys is not { } passkeys)
        {
            return NotFound();
        }

        return await passkeys.BeginRegistrationAsync(HttpContext).ConfigureAwait(false) is { } json
            ? Content(json, "application/json")
            : KegPageProblem.Of("Sign in first.", 401);
    }

    /// <summary>Verifies and stores the new passkey.</summary>
    /// <param name="body">The credential and its name.</param>
    /// <returns><c>{redirect}</c> on success; otherwise a problem with a message to show.</returns>
    public async Task<IActionResult> OnPostRegisterAsync([FromBody] KegPasskeyRegisterRequest body)
    {
        if (Passkeys is not { } passkeys)
        {
            return NotFound();
        }

        var credential = body.Credential.ValueKind == System.Text.Json.JsonValueKind.Object ? body.Credential.GetRawText() : null;
        var result = await passkeys.CompleteRegistrationAsync(HttpContext, credential, body.Name).ConfigureAwait(false);
        return result.Status switch
        {
            KegPasskeyRegistrationStatus.Succeeded => new JsonResult(new { redirect = Url.Content("~/auth/passkeys?done=added") }),
            KegPasskeyRegistrationStatus.NotSignedIn => KegPageProblem.Of("Sign in first.", 401),
            KegPasskeyRegistrationStatus.InvalidChallenge => KegPageProblem.Of("The request expired or was already used. Try again.", 400),
            KegPasskeyRegistrationStatus.AlreadyRegistered => KegPageProblem.Of("That passkey is registered already.", 409),
            KegPasskeyRegistrationStatus.TooMany => KegPageProblem.Of("You have the most passkeys allowed. Remove one first.", 400),
            KegPasskeyRegistrationStatus.InvalidName => KegPageProblem.Of("Give the passkey a name of at most 200 characters.", 400),
            _ => KegPageProblem.Of("The authenticator's answer could not be verified.", 400),
        };
    }

    /// <summary>Renames a passkey.</summary>
    /// <param name="id">The passkey.</param>
    /// <param name="name">The new name.</param>
    /// <returns>The page or a redirect.</returns>
    public async Task<IActionResult> OnPostRenameAsync(long id, string? name)
    {
        if (Passkeys is not { } passkeys)
        {
            return NotFound();
        }

        var status = await passkeys.RenameAsync(HttpContext, id, name).ConfigureAwait(false);
        return await AfterChangeAsync(passkeys, status, "Passkey renamed.").ConfigureAwait(false);
    }

    /// <summary>Removes a passkey; other sessions end, this one stays.</summary>
    /// <param name="id">The passkey.</param>
    /// <returns>The page or a redirect.</returns>
    public async Task<IActionResult> OnPostRemoveAsync(long id)
    {
        if (Passkeys is not { } passkeys)
        {
            return NotFound();
        }

        var status = await passkeys.RemoveAsync(HttpContext, id).ConfigureAwait(false);
        return await AfterChangeAsync(passkeys, status, "Passkey removed. Your other sessions are signed out.").ConfigureAwait(false);
    }

    private async Task<IActionResult> AfterChangeAsync(IKegPasskeys passkeys, KegPasskeyChangeStatus status, string notice)
    {
        switch (status)
        {
            case KegPasskeyChangeStatus.NotSignedIn:
                return ToLogin();
            case KegPasskeyChangeStatus.Succeeded:
                Notice = notice;
                break;
            case KegPasskeyChangeStatus.InvalidName:
                Error = "Give the passkey a name of 1 to 200 characters.";
                break;
            default:
                Error = "That passkey no longer exists.";
                break;
        }

        Items = await passkeys.ListAsync(HttpContext).ConfigureAwait(false);
        return Page();
    }

    // Not [Authorize]: with KegAuth's UseStatusCodes the cookie answers 401 instead of redirecting, and a page should redirect.
    private bool SignedIn() => User.Identity?.IsAuthenticated == true;

    private IActionResult ToLogin() => LocalRedirect(Url.Content("~/auth/login?returnUrl=" + Uri.EscapeDataString("/auth/passkeys")));
}
