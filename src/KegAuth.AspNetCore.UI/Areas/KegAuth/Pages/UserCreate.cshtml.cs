using Microsoft.AspNetCore.Mvc;

namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>Creates a user through the library's user-creation helper, which mails the verification link. Supports KegAuth's pages.</summary>
public sealed class UserCreateModel : KegAuthAdminPageModel
{
    /// <summary>The new user's login id.</summary>
    [BindProperty]
    public string? LoginId { get; set; }

    /// <summary>Whether the new user is a superuser (only a superuser may ask).</summary>
    [BindProperty]
    public bool IsSuperuser { get; set; }

    /// <summary>Whether to mail the verification link.</summary>
    [BindProperty]
    public bool SendMail { get; set; } = true;

    /// <summary>Whether the signed-in admin is a superuser (the superuser box is shown only then).</summary>
    public bool CanMakeSuperuser { get; private set; }

    /// <summary>Shows the form.</summary>
    /// <returns>A task.</returns>
    public async Task OnGetAsync() => CanMakeSuperuser = await Admin.IsSuperuserAsync(User, HttpContext.RequestAborted).ConfigureAwait(false);

    /// <summary>Creates the user and goes to its edit page; otherwise says why next to the field.</summary>
    /// <returns>A redirect, or the form again.</returns>
    public async Task<IActionResult> OnPostAsync()
    {
        var result = await Admin.CreateUserAsync(User, LoginId, IsSuperuser, SendMail, HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return Done(SendMail ? "created-mailed" : "created", "users", "edit", result.Key!);
        }

        CanMakeSuperuser = await Admin.IsSuperuserAsync(User, HttpContext.RequestAborted).ConfigureAwait(false);
        if (result.Outcome == Services.KegAdminOutcome.Forbidden)
        {
            Error = result.Message;
        }
        else
        {
            AddError("loginId", result.Message ?? "The user could not be created.");
        }

        return Page();
    }
}
