using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.EntityFrameworkCore;

/// <summary>Wraps the last registration of an EF internal service in a decorator, keeping its lifetime.</summary>
internal static class ServiceDecoration
{
    /// <summary>
    /// Replaces the last non-keyed registration of <typeparamref name="TService"/>; returns
    /// <see langword="false"/> when there is none.
    /// </summary>
    public static bool TryDecorate<TService>(IServiceCollection services, Func<TService, TService> decorate)
        where TService : class
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            var original = services[i];
            if (original.ServiceType != typeof(TService) || original.IsKeyedService)
            {
                continue;
            }

            services[i] = ServiceDescriptor.Describe(
                typeof(TService),
                provider => decorate((TService)(
                    original.ImplementationInstance
                    ?? original.ImplementationFactory?.Invoke(provider)
                    ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!))),
                original.Lifetime);
            return true;
        }

        return false;
    }
}
