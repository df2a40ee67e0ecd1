using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KegAuth;

/// <summary>Registers KegAuth's options with dependency injection.</summary>
public static class KegAuthServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="KegAuthOptions"/> (<see cref="IOptions{TOptions}"/>), validates them when the
    /// host starts (a missing <see cref="KegAuthOptions.SecretKey"/> fails start-up with a message
    /// naming it), and registers <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/>
    /// is already registered. The options' clock defaults to the registered <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options; runs after the clock default is applied.</param>
    /// <returns>The same service collection.</returns>
    public static IServiceCollection AddKegAuth(this IServiceCollection services, Action<KegAuthOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<KegAuthOptions>()
            .Configure<TimeProvider>((options, clock) => options.TimeProvider = clock)
            .Configure(configure)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KegAuthOptions>, KegAuthOptionsValidator>());
        return services;
    }

    /// <summary>Adapts <see cref="KegAuthOptionsValidation"/> to the options framework.</summary>
    private sealed class KegAuthOptionsValidator : IValidateOptions<KegAuthOptions>
    {
        public ValidateOptionsResult Validate(string? name, KegAuthOptions options)
        {
            var errors = KegAuthOptionsValidation.GetErrors(options);
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
