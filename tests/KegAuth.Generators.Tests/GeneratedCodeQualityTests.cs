using KegAuth.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KegAuth.Generators.Tests;

/// <summary>Hint names that never collide, and generated code that stays clean under strict user settings.</summary>
public class GeneratedCodeQualityTests
{
    private const string Everything = """
        using KegAuth;
        namespace Sample;
        [KegUser(Registered = true), KegUserEmail, KegUserToken] public partial class User { public int Id { get; set; } }
        [KegUser] public partial class Operator { public System.Guid Id { get; set; } }
        [KegPermission] public partial class Permission { public int Id { get; set; } }
        [KegBundle] public partial class Bundle { public long Id { get; set; } }
        [KegGroup] public partial class Group { public int Id { get; set; } }
        [KegAttempt] public partial class Attempt { public int Id { get; set; } }
        """;

    [Fact]
    public void Same_named_classes_in_different_namespaces_get_distinct_hint_names()
    {
        var (output, result, _) = GeneratorRunner.Run(TestCompilation.Create(
            "namespace Shop { [KegAuth.KegUser(Registered = true)] public partial class User { public int Id { get; set; } } }",
            "namespace Admin { [KegAuth.KegUser] public partial class User { public int Id { get; set; } } }",
            "namespace Shop.Admin { [KegAuth.KegUser] public partial class User { public int Id { get; set; } } }"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            ["Admin.User.KegUser.g.cs", "Shop.Admin.User.KegUser.g.cs", "Shop.User.KegUser.g.cs"],
            HintNames(result));
        Assert.Empty(GeneratorRunner.ErrorsAndWarnings(output));
    }

    [Fact]
    public void A_nested_class_and_a_namespaced_class_with_the_same_dotted_name_get_distinct_hint_names()
    {
        // Sample.A.B is a class B nested in A in one project and a class B in namespace Sample.A in the other.
        var (_, nested, _) = GeneratorRunner.Run(TestCompilation.Create(
            "namespace Sample { public partial class A { [KegAuth.KegUser] public partial class B { public int Id { get; set; } } } }"));
        var (_, namespaced, _) = GeneratorRunner.Run(TestCompilation.Create(
            "namespace Sample.A { [KegAuth.KegUser] public partial class B { public int Id { get; set; } } }"));

        Assert.Contains("Sample.A+B.KegUser.g.cs", HintNames(nested));
        Assert.Contains("Sample.A.B.KegUser.g.cs", HintNames(namespaced));
    }

    [Fact]
    public void Classes_whose_names_differ_only_in_case_get_distinct_hint_names()
    {
        // Roslyn compares hint names ignoring case; two such files would make AddSource throw.
        var (output, result, _) = GeneratorRunner.Run(TestCompilation.Create("""
            namespace Sample;
            [KegAuth.KegUser(Registered = true)] public partial class User { public int Id { get; set; } }
            [KegAuth.KegUser] public partial class USER { public int Id { get; set; } }
            """));

        Assert.Empty(result.Diagnostics);
        var names = HintNames(result);
        Assert.Equal(names.Length, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(2, names.Length);
        Assert.Empty(GeneratorRunner.ErrorsAndWarnings(output));
    }

    [Fact]
    public void Hint_names_are_the_same_on_every_run()
    {
        var first = HintNames(GeneratorRunner.Run(TestCompilation.Create(Everything)).Result);
        var second = HintNames(GeneratorRunner.Run(TestCompilation.Create(Everything)).Result);

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(NullableContextOptions.Enable)]
    [InlineData(NullableContextOptions.Disable)]
    [InlineData(NullableContextOptions.Warnings)]
    public void Every_kind_compiles_with_all_warnings_as_errors(NullableContextOptions nullable)
    {
        // The user's strictest settings: every warning (all warning waves) an error.
        var input = TestCompilation.Create(Everything).WithOptions(new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: nullable,
            generalDiagnosticOption: ReportDiagnostic.Error,
            warningLevel: 9999));
        var (output, result, _) = GeneratorRunner.Run(input);

        Assert.Empty(result.Diagnostics);
        var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()).ToArray();
        Assert.True(problems.Length == 0, string.Join("\n", problems));
    }

    [Fact]
    public void An_abstract_entity_class_is_supported()
    {
        var (output, result, _) = GeneratorRunner.Run(TestCompilation.Create("""
            namespace Sample;
            [KegAuth.KegUser, KegAuth.KegUserToken] public abstract partial class User { public int Id { get; set; } }
            public sealed class Customer : User { }
            """));

        Assert.Contains("Sample.User.KegUser.g.cs", HintNames(result));
        Assert.Empty(GeneratorRunner.ErrorsAndWarnings(output));
    }

    [Fact]
    public void Every_file_opens_with_the_header_and_states_the_generator_version()
    {
        // Snapshots store the version as a placeholder; the real output must carry the real one.
        var version = typeof(KegAuthGenerator).Assembly.GetName().Version!.ToString(3);
        var sources = GeneratorRunner.Run(TestCompilation.Create(Everything)).Result.Results.SelectMany(r => r.GeneratedSources).ToArray();

        Assert.NotEmpty(sources);
        Assert.All(sources, source =>
        {
            var text = source.SourceText.ToString();
            Assert.StartsWith("// <auto-generated/>\n#nullable enable\n#pragma warning disable CS0612, CS0618\n", text, StringComparison.Ordinal);
            Assert.Contains("GeneratedCode(\"KegAuth.Generators\", \"" + version + "\")", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Snapshot.VersionPlaceholder, text, StringComparison.Ordinal);
        });
    }

    private static string[] HintNames(GeneratorDriverRunResult result) =>
        result.Results.SelectMany(r => r.GeneratedSources).Select(s => s.HintName).Order(StringComparer.Ordinal).ToArray();
}
