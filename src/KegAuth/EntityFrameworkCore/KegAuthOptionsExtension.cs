using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata.Conventions.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.EntityFrameworkCore;

/// <summary>
/// Carries <see cref="KegAuthOptions"/> on a context's options and adds KegAuth's services to EF's
/// internal service provider. The services never capture the options: they read them from the
/// running context, so every KegAuth context shares one internal service provider.
/// </summary>
internal sealed class KegAuthOptionsExtension(KegAuthOptions options) : IDbContextOptionsExtension
{
    private ExtensionInfo? _info;

    /// <summary>The options this context was configured with.</summary>
    public KegAuthOptions Options { get; } = options;

    /// <inheritdoc/>
    public DbContextOptionsExtensionInfo Info => _info ??= new ExtensionInfo(this);

    /// <inheritdoc/>
    public void ApplyServices(IServiceCollection services)
    {
        QueryPreprocessorDecoration.Decorate(services);
        ServiceDecoration.TryDecorate<IModelCustomizer>(services, inner => new KegAuthModelCustomizer(inner));
        ServiceDecoration.TryDecorate<IModelCacheKeyFactory>(services, inner => new KegAuthModelCacheKeyFactory(inner));
        services.AddSingleton<IInterceptor, KegAuthSaveChangesInterceptor>();
        services.AddSingleton<IInterceptor, KegUserWritesTransactionInterceptor>();
        new EntityFrameworkServicesBuilder(services).TryAdd<IConventionSetPlugin, KegAuthConventionSetPlugin>();
    }

    /// <inheritdoc/>
    public void Validate(IDbContextOptions options) => Options.Validate();

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "using KegAuth ";

        // Constant on purpose: options are read per context, so any two KegAuth contexts can share
        // one service provider (otherwise EF builds one per options object and, past 20, throws).
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) => debugInfo["KegAuth"] = "1";
    }
}
