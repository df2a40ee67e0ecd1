using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.UI.Services;

/// <summary>Forwards the pages' calls to the app's <see cref="IKegSignIn{TUser}"/> and <see cref="IKegPasswordReset{TUser}"/>; no logic of its own.</summary>
/// <typeparam name="TUser">The app's user type.</typeparam>
internal sealed class KegAuthPageActions<TUser>(IKegSignIn<TUser> signIn, IKegPasswordReset<TUser> reset, IOptions<KegAuthOptions> options) : IKegAuthPageActions
    where TUser : class, IKegUser
{
    public async Task<KegPageSignIn> SignInAsync(HttpContext httpContext, string? loginId, string? password, bool remember)
    {
        var result = await signIn.PasswordSignInAsync(httpContext, loginId, password, remember).ConfigureAwait(false);
        var left = result.LockedOutUntilUtc is { } until ? until - options.Value.TimeProvider.GetUtcNow().UtcDateTime : TimeSpan.Zero;
        return new KegPageSignIn(result.Status, left < TimeSpan.Zero ? TimeSpan.Zero : left);
    }

    public Task SignOutAsync(HttpContext httpContext) => signIn.SignOutAsync(httpContext);

    public Task<KegChangePasswordResult> ChangePasswordAsync(HttpContext httpContext, string? currentPassword, string? newPassword)
        => signIn.ChangePasswordAsync(httpContext, currentPassword, newPassword);

    public Task<KegForgotPasswordStatus> ForgotPasswordAsync(HttpContext httpContext, string? loginId)
        => reset.ForgotPasswordAsync(loginId, SourceIp(httpContext), httpContext.RequestAborted);

    public Task<KegResetPasswordResult> ResetPasswordAsync(HttpContext httpContext, string? userKey, string? token, string? newPassword)
        => reset.ResetPasswordAsync(userKey, token, newPassword, SourceIp(httpContext), httpContext.RequestAborted);

    public Task<KegResetPasswordResult> VerifyAccountAsync(HttpContext httpContext, string? userKey, string? token, string? newPassword)
        => reset.VerifyAccountAsync(userKey, token, newPassword, SourceIp(httpContext), httpContext.RequestAborted);

    private static string? SourceIp(HttpContext httpContext) => httpContext.Connection.RemoteIpAddress?.ToString();
}
