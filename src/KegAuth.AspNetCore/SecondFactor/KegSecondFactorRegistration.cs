using KegAuth.AspNetCore.SignIn;
using KegAuth.AspNetCore.Telemetry;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KegAuth.AspNetCore.SecondFactor;

/// <summary>
/// What <c>AddSignIn</c> adds for the second step: the sealed cookies always (the password step reads
/// them), and, when the user type has <c>[KegUserTotp]</c>, the code step and the authenticator
/// manager, closed over the app's types at run time (their classes need the TOTP columns).
/// </summary>
internal static class KegSecondFactorRegistration
{
    public static void Add(IServiceCollection services, Type context, Type user, Type attempt)
    {
        services.AddDataProtection();
        services.AddOptions<KegSecondFactorOptions>()
            .Validate(options => options.PendingSignInLifetime > TimeSpan.Zero, "KegSecondFactorOptions.PendingSignInLifetime must be positive.")
            .Validate(options => options.RememberDeviceFor >= TimeSpan.Zero, "KegSecondFactorOptions.RememberDeviceFor must not be negative.")
            .Validate(options => !string.IsNullOrWhiteSpace(options.PendingCookieName) && !string.IsNullOrWhiteSpace(options.DeviceCookieName), "KegSecondFactorOptions' cookie names must not be empty.")
            .ValidateOnStart();
        services.TryAddSingleton<KegSecondFactorCookies>();
        services.TryAddSingleton<KegSecondFactorTelemetry>();
        if (!typeof(IKegUserTotp).IsAssignableFrom(user))
        {
            return;
        }

        services.TryAdd(ServiceDescriptor.Scoped(
            typeof(IKegSecondFactorSignIn<>).MakeGenericType(user),
            typeof(KegTotpSignIn<,,>).MakeGenericType(context, user, attempt)));
        services.TryAdd(ServiceDescriptor.Scoped(
            typeof(IKegTotpManager<>).MakeGenericType(user),
            typeof(KegTotpManager<,,>).MakeGenericType(context, user, attempt)));
    }
}
