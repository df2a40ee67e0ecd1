using Microsoft.AspNetCore.Http;

namespace KegAuth.AspNetCore.UI.Services;

/// <summary>
/// What the second-factor pages do, without the app's user type: forwards to
/// <see cref="IKegSecondFactorSignIn{TUser}"/> and <see cref="IKegTotpManager{TUser}"/>, which exist only
/// for a user type with <c>[KegUserTotp]</c> (<see cref="IsAvailable"/>).
/// </summary>
internal interface IKegSecondFactorPageActions
{
    /// <summary>Whether the user type has <c>[KegUserTotp]</c> (the services exist).</summary>
    bool IsAvailable { get; }

    /// <summary>Whether the request carries a live pending sign-in.</summary>
    bool HasPendingSignIn(HttpContext httpContext);

    /// <summary>The code step.</summary>
    Task<KegPageSecondFactor> CompleteAsync(HttpContext httpContext, string? code, bool rememberDevice);

    /// <summary>The signed-in user's authenticator state, or null.</summary>
    Task<KegTotpState?> GetStateAsync(HttpContext httpContext);

    /// <summary>The pending set-up's secret and QR code, or null.</summary>
    Task<KegTotpSetup?> GetPendingSetupAsync(HttpContext httpContext);

    /// <summary>Begins a set-up.</summary>
    Task<KegTotpChangeResult> BeginAsync(HttpContext httpContext);

    /// <summary>Confirms the set-up with a first code.</summary>
    Task<KegTotpChangeResult> ConfirmAsync(HttpContext httpContext, string? code);

    /// <summary>Makes new recovery codes.</summary>
    Task<KegTotpChangeResult> GenerateRecoveryCodesAsync(HttpContext httpContext);

    /// <summary>Turns the authenticator off with the password.</summary>
    Task<KegTotpChangeResult> DisableAsync(HttpContext httpContext, string? password);
}

/// <summary>A code step's outcome for a page.</summary>
/// <param name="Status">What happened.</param>
/// <param name="LockedOutFor">With <see cref="KegSecondFactorStatus.LockedOut"/>, how long the lockout still lasts.</param>
internal sealed record KegPageSecondFactor(KegSecondFactorStatus Status, TimeSpan LockedOutFor);
