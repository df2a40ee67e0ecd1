using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace KegAuth;

public static partial class KegAuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds an application password validator: <see cref="IKegPasswordPolicy"/> runs it after the
    /// built-in <see cref="KegPasswordRules"/> (and after validators added before it), and its
    /// problems are returned with theirs. Adding the same type twice adds it once.
    /// </summary>
    /// <typeparam name="TValidator">The validator; constructed by dependency injection, so it may take a DbContext or other services.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <param name="lifetime">The validator's lifetime. Default <see cref="ServiceLifetime.Scoped"/>, the policy's own, so the validator can use a DbContext.</param>
    /// <returns>The same service collection.</returns>
    /// <exception cref="ArgumentException"><paramref name="lifetime"/> is not a defined lifetime.</exception>
    public static IServiceCollection AddKegPasswordValidator<TValidator>(this IServiceCollection services, ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where TValidator : class, IKegPasswordValidator
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!Enum.IsDefined(lifetime))
        {
            throw new ArgumentException($"{lifetime} is not a service lifetime.", nameof(lifetime));
        }

        services.TryAddEnumerable(ServiceDescriptor.Describe(typeof(IKegPasswordValidator), typeof(TValidator), lifetime));
        return services;
    }

    /// <summary>
    /// The password policy's services: the built-in rules first, built from the validated options,
    /// then whatever validators the application adds; the policy is scoped so that those may be.
    /// </summary>
    private static void AddKegPasswordPolicy(IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IKegPasswordValidator, KegPasswordRules>(
            provider => new KegPasswordRules(provider.GetRequiredService<IOptions<KegAuthOptions>>().Value.PasswordPolicy)));
        services.TryAddScoped<IKegPasswordPolicy>(provider => new KegPasswordPolicy(provider.GetServices<IKegPasswordValidator>()));
    }
}
