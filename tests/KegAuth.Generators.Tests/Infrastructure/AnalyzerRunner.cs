using System.Collections.Immutable;
using KegAuth.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace KegAuth.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="KegEntityAnalyzer"/> and <see cref="KegRegistryAnalyzer"/> over a test compilation.</summary>
internal static class AnalyzerRunner
{
    /// <summary>The analyzer's diagnostics for <paramref name="sources"/>, sorted by position.</summary>
    public static Task<ImmutableArray<Diagnostic>> RunAsync(params string[] sources) => RunAsync(TestCompilation.Create(sources));

    /// <summary>The analyzer's diagnostics for <paramref name="input"/> (for example a generator's output), sorted by position.</summary>
    public static async Task<ImmutableArray<Diagnostic>> RunAsync(Compilation input)
    {
        var compilation = input.WithAnalyzers([new KegEntityAnalyzer(), new KegRegistryAnalyzer()]);
        var diagnostics = await compilation.GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.OrderBy(d => d.Location.SourceSpan.Start)];
    }
}
