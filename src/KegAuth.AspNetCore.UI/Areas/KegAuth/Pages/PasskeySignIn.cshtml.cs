using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>
/// The login page's passkey ceremony, as JSON handlers the page's script calls (antiforgery header
/// required, as every KegAuth form): <c>Options</c>, then <c>Complete</c> with the assertion. A plain
/// visit goes to the login page. Supports KegAuth's pages.
/// </summary>
// The authenticator's answer is a few kilobytes; nothing bigger is read.
[RequestSizeLimit(64 * 1024)]
public sealed class PasskeySignInModel : PageModel
{
    /// <summary>Where to go after signing in; only a local path is followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    private IKegPasskeys? Passkeys => HttpContext.RequestServices.GetService<IKegPasskeys>();

    /// <summary>Sends a visitor to the login page.</summary>
    /// <returns>A redirect.</returns>
    public IActionResult OnGet() => LocalRedirect(Url.Content("~/auth/login"));

    /// <summary>The WebAuthn request options, with the challenge in a short-lived cookie.</summary>
    /// <returns>JSON, or 404 without passkeys.</returns>
    public async Task<IActionResult> OnPostOptionsAsync()
        => Passkeys is { } passkeys ? Content(await passkeys.BeginSignInAsync(HttpContext).ConfigureAwait(false), "application/json") : NotFound();

    /// <summary>Verifies the assertion and signs in.</summary>
    /// <param name="body">The assertion and "remember me".</param>
    /// <returns><c>{redirect}</c> on success; otherwise a problem with a message to show.</returns>
    public async Task<IActionResult> OnPostCompleteAsync([FromBody] KegPasskeySignInRequest body)
    {
        if (Passkeys is not { } passkeys)
        {
            return NotFound();
        }

        var credential = body.Credential.ValueKind == System.Text.Json.JsonValueKind.Object ? body.Credential.GetRawText() : null;
        var result = await passkeys.CompleteSignInAsync(HttpContext, credential, body.Remember).ConfigureAwait(false);
        return result.Status switch
        {
            KegPasskeySignInStatus.Succeeded => new JsonResult(new { redirect = ReturnUrl is not null && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : Url.Content("~/") }),
            KegPasskeySignInStatus.LockedOut => KegPageProblem.Of("Too many failed sign-ins. Try again later.", 429),
            KegPasskeySignInStatus.Inactive => KegPageProblem.Of("This account is disabled or not yet verified.", 403),
            KegPasskeySignInStatus.ClonedAuthenticator => KegPageProblem.Of("This passkey's counter went backwards, so it may have been copied. It was refused: sign in with your password and remove it.", 401),
            _ => KegPageProblem.Of("The passkey was not accepted.", 401),
        };
    }
}
