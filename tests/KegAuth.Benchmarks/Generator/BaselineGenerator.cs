using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;

namespace KegAuth.Benchmarks.Generator;

/// <summary>
/// Loads another build of KegAuth's generator (for example one built from an older commit) beside
/// this one, so both run in the same process and the same minute: "not slower than before" is then a
/// ratio within one run, not a comparison across days on a shared machine.
/// </summary>
internal static class BaselineGenerator
{
    /// <summary>The <c>KegAuthGenerator</c> in the assembly at <paramref name="path"/>, in a load context of its own that shares Roslyn with this process.</summary>
    public static IIncrementalGenerator Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"No generator assembly at '{full}'. Build one, e.g. `git worktree add --detach /tmp/old <commit> && dotnet build -c Release /tmp/old/src/KegAuth.Generators`.", full);
        }

        var context = new AssemblyLoadContext("baseline-generator", isCollectible: false);
        var assembly = context.LoadFromAssemblyPath(full);
        var type = assembly.GetType("KegAuth.Generators.KegAuthGenerator", throwOnError: true)!;
        return (IIncrementalGenerator)Activator.CreateInstance(type)!;
    }
}
