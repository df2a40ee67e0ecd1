using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.EntityFrameworkCore;

/// <summary>Replaces the provider's <see cref="IQueryTranslationPreprocessorFactory"/> registration with KegAuth's decorator around it.</summary>
internal static class QueryPreprocessorDecoration
{
    /// <summary>Why UseKegAuth cannot work yet, and the fix.</summary>
    public const string MissingProviderMessage =
        "UseKegAuth found no database provider to extend. Call UseSqlite, UseNpgsql or UseSqlServer "
        + "(or your provider's Use... method) before UseKegAuth on the same DbContextOptionsBuilder.";

    /// <summary>Wraps the last (effective) registration; throws when the provider has not registered one yet.</summary>
    /// <exception cref="InvalidOperationException">No database provider's services are registered yet.</exception>
    public static void Decorate(IServiceCollection services)
    {
        var index = FindLast(services);
        if (index < 0)
        {
            throw new InvalidOperationException(MissingProviderMessage);
        }

        var original = services[index];
        services[index] = ServiceDescriptor.Describe(
            typeof(IQueryTranslationPreprocessorFactory),
            provider => new KegAuthQueryTranslationPreprocessorFactory(
                CreateOriginal(provider, original),
                provider.GetRequiredService<QueryTranslationPreprocessorDependencies>()),
            original.Lifetime);
    }

    private static int FindLast(IServiceCollection services)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(IQueryTranslationPreprocessorFactory) && !services[i].IsKeyedService)
            {
                return i;
            }
        }

        return -1;
    }

    private static IQueryTranslationPreprocessorFactory CreateOriginal(IServiceProvider provider, ServiceDescriptor original)
        => (IQueryTranslationPreprocessorFactory)(
            original.ImplementationInstance
            ?? original.ImplementationFactory?.Invoke(provider)
            ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!));
}
