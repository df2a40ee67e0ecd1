namespace KegAuth.AspNetCore.UI.Pages;

/// <summary>Verify-account through <see cref="IKegPasswordReset{TUser}.VerifyAccountAsync"/>. Supports KegAuth's pages.</summary>
public sealed class VerifyAccountModel : KegLinkPasswordPageModel
{
    /// <inheritdoc />
    protected override string DoneNotice => "verified";

    private protected override Task<KegResetPasswordResult> SetPasswordAsync()
        => Actions.VerifyAccountAsync(HttpContext, UserKey, Token, NewPassword);
}
