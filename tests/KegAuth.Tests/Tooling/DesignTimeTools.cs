using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Scaffolding;
using Microsoft.Extensions.DependencyInjection;

namespace KegAuth.Tests.Tooling;

/// <summary>
/// What <c>dotnet ef migrations add</c> and <c>dotnet ef dbcontext optimize</c> do, through EF's
/// design-time services in-process: the same scaffolders, without starting the tool and a build.
/// </summary>
public static class DesignTimeTools
{
    /// <summary>Scaffolds a migration named <paramref name="name"/> against the context's migrations assembly (its snapshot, if any).</summary>
    public static ScaffoldedMigration AddMigration(DbContext context, string name, string rootNamespace)
        => Services(context).GetRequiredService<IMigrationsScaffolder>().ScaffoldMigration(name, rootNamespace, subNamespace: "Migrations", language: "C#");

    /// <summary>Writes the compiled model of <paramref name="context"/> into <paramref name="outputDir"/> and returns the files' text.</summary>
    public static IReadOnlyList<string> Optimize(DbContext context, string outputDir, string modelNamespace)
    {
        var scaffolder = Services(context).GetRequiredService<ICompiledModelScaffolder>();
        var files = scaffolder.ScaffoldModel(
            context.GetService<IDesignTimeModel>().Model,
            outputDir,
            new CompiledModelCodeGenerationOptions
            {
                ContextType = context.GetType(),
                ModelNamespace = modelNamespace,
                Language = "C#",
                UseNullableReferenceTypes = true,
            });
        return files.Select(File.ReadAllText).ToList();
    }

    /// <summary>The compiled model in <paramref name="assembly"/>: the generated <c>{Context}Model.Instance</c>.</summary>
    public static IModel CompiledModel(Assembly assembly, Type contextType)
        => (IModel)assembly.GetTypes().Single(type => type.Name == contextType.Name + "Model")
            .GetProperty("Instance", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    // As the tools do: EF's design-time services, the context's, and the provider's named by its assembly attribute.
    private static ServiceProvider Services(DbContext context)
    {
        var services = new ServiceCollection();
        services.AddEntityFrameworkDesignTimeServices();
        services.AddDbContextDesignTimeServices(context);
        var provider = Assembly.Load(context.Database.ProviderName!);
        var attribute = provider.GetCustomAttribute<DesignTimeProviderServicesAttribute>()!;
        var designTime = (IDesignTimeServices)Activator.CreateInstance(provider.GetType(attribute.TypeName, throwOnError: true)!)!;
        designTime.ConfigureDesignTimeServices(services);
        return services.BuildServiceProvider();
    }
}
