using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace KegAuth.AspNetCore.UI.Services;

/// <summary>Forwards the second-factor pages' calls to the app's services; no logic of its own.</summary>
/// <typeparam name="TUser">The app's user type.</typeparam>
internal sealed class KegSecondFactorPageActions<TUser>(IServiceProvider services, IOptions<KegAuthOptions> options) : IKegSecondFactorPageActions
    where TUser : class, IKegUser
{
    private readonly IKegSecondFactorSignIn<TUser>? _signIn = services.GetService<IKegSecondFactorSignIn<TUser>>();
    private readonly IKegTotpManager<TUser>? _manager = services.GetService<IKegTotpManager<TUser>>();

    public bool IsAvailable => _signIn is not null && _manager is not null;

    public bool HasPendingSignIn(HttpContext httpContext) => _signIn?.HasPendingSignIn(httpContext) == true;

    public async Task<KegPageSecondFactor> CompleteAsync(HttpContext httpContext, string? code, bool rememberDevice)
    {
        if (_signIn is null)
        {
            return new KegPageSecondFactor(KegSecondFactorStatus.NoPendingSignIn, TimeSpan.Zero);
        }

        var result = await _signIn.CompleteAsync(httpContext, code, rememberDevice).ConfigureAwait(false);
        var left = result.LockedOutUntilUtc is { } until ? until - options.Value.TimeProvider.GetUtcNow().UtcDateTime : TimeSpan.Zero;
        return new KegPageSecondFactor(result.Status, left < TimeSpan.Zero ? TimeSpan.Zero : left);
    }

    public Task<KegTotpState?> GetStateAsync(HttpContext httpContext) => _manager?.GetStateAsync(httpContext) ?? Task.FromResult<KegTotpState?>(null);

    public Task<KegTotpSetup?> GetPendingSetupAsync(HttpContext httpContext) => _manager?.GetPendingSetupAsync(httpContext) ?? Task.FromResult<KegTotpSetup?>(null);

    public Task<KegTotpChangeResult> BeginAsync(HttpContext httpContext) => _manager?.BeginAsync(httpContext) ?? NotSignedIn();

    public Task<KegTotpChangeResult> ConfirmAsync(HttpContext httpContext, string? code) => _manager?.ConfirmAsync(httpContext, code) ?? NotSignedIn();

    public Task<KegTotpChangeResult> GenerateRecoveryCodesAsync(HttpContext httpContext) => _manager?.GenerateRecoveryCodesAsync(httpContext) ?? NotSignedIn();

    public Task<KegTotpChangeResult> DisableAsync(HttpContext httpContext, string? password) => _manager?.DisableAsync(httpContext, password, code: null) ?? NotSignedIn();

    private static Task<KegTotpChangeResult> NotSignedIn() => Task.FromResult<KegTotpChangeResult>(KegTotpChangeStatus.NotSignedIn);
}
