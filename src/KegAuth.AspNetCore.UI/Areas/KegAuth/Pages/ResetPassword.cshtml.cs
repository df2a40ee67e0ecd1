namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>Reset-password through <see cref="IKegPasswordReset{TUser}.ResetPasswordAsync"/>. Supports KegAuth's pages.</summary>
public sealed class ResetPasswordModel : KegLinkPasswordPageModel
{
    /// <inheritdoc />
    protected override string DoneNotice => "reset";

    private protected override Task<KegResetPasswordResult> SetPasswordAsync()
        => Actions.ResetPasswordAsync(HttpContext, UserKey, Token, NewPassword);
}
