using System.Diagnostics.Metrics;
using KegAuth.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace KegAuth;

/// <summary>Registers KegAuth's options with dependency injection.</summary>
public static partial class KegAuthServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="KegAuthOptions"/> (<see cref="IOptions{TOptions}"/>), validates them when the
    /// host starts (a missing or short <see cref="KegAuthOptions.SecretKey"/> fails start-up with a
    /// message naming it; with <see cref="KegAuthOptions.AllowShortSecretKey"/> a short one is accepted
    /// and a warning is logged through the registered <see cref="ILoggerFactory"/>), and registers <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/>
    /// is already registered. The options' clock defaults to the registered <see cref="TimeProvider"/>.
    /// Also registers the password policy, <see cref="IKegPasswordPolicy"/> (scoped), with the built-in
    /// <see cref="KegPasswordRules"/> from <see cref="KegAuthOptions.PasswordPolicy"/>; add the
    /// application's own rules with <see cref="AddKegPasswordValidator{TValidator}"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; runs after the clock default is applied.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddKegAuth(this IServiceCollection services, Action<KegAuthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.TryAddSingleton(TimeProvider.System);

        // The host's meter factory, when it has one, so each host's numbers stay its own.
        services.TryAddSingleton(provider => new KegAuthMetrics(provider.GetService<IMeterFactory>()));
        services.AddOptions<KegAuthOptions>()
            .Configure<TimeProvider>((options, clock) => options.TimeProvider = clock)
            .Configure<KegAuthMetrics>((options, metrics) => options.Metrics = metrics)
            .Configure(configure)
            .ValidateOnStart();
        // A factory, so that an app without logging registered still starts (and just logs nothing).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KegAuthOptions>, KegAuthOptionsValidator>(
            provider => new KegAuthOptionsValidator(provider.GetService<ILoggerFactory>()?.CreateLogger<KegAuthOptions>() ?? NullLogger<KegAuthOptions>.Instance)));
        AddKegPasswordPolicy(services);
        return services;
    }

    /// <summary>The warning for a short key the app opted into; names the settings, never the key.</summary>
    [LoggerMessage(
        EventId = 1,
        EventName = "KegAuthShortSecretKey",
        Level = LogLevel.Warning,
        Message = "KegAuthOptions.SecretKey is shorter than {MinLength} characters and KegAuthOptions.AllowShortSecretKey is on: "
            + "the key can be guessed offline from one reset token, and then reset tokens for any user forged. "
            + "Replace it with a long random key (openssl rand -base64 48) as soon as the move from Python keg-auth allows.")]
    private static partial void LogShortSecretKey(ILogger logger, int minLength);

    /// <summary>Adapts <see cref="KegAuthOptionsValidation"/> to the options framework, and warns about an allowed short key.</summary>
    private sealed class KegAuthOptionsValidator(ILogger logger) : IValidateOptions<KegAuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, KegAuthOptions options)
        {
            var errors = KegAuthOptionsValidation.GetErrors(options);
            if (errors.Count > 0)
            {
                return ValidateOptionsResult.Fail(errors);
            }

            if (options.AllowShortSecretKey && KegAuthOptionsValidation.IsShortSecretKey(options))
            {
                LogShortSecretKey(logger, KegAuthOptions.MinSecretKeyLength);
            }

            return ValidateOptionsResult.Success;
        }
    }
}
