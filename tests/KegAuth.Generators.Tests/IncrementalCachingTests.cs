using System.Collections;
using System.Reflection;
using KegAuth.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KegAuth.Generators.Tests;

/// <summary>
/// The generator runs on every keystroke: a second run over an unchanged or unrelated-edit compilation
/// must reuse every step, and models must hold no symbols, syntax or compilations.
/// </summary>
public class IncrementalCachingTests
{
    private const string Users = """
        using KegAuth;
        namespace Sample;
        [KegUser, KegUserEmail]
        public partial class User
        {
            public int Id { get; set; }
            public int Score() { return 1; }
        }
        [KegUser(Registered = true), KegUserToken, KegUserTotp, KegUserPasskeys]
        public partial class Admin { public long Id { get; set; } }
        [KegPermission]
        public partial class Permission { public int Id { get; set; } }
        [KegBundle]
        public partial class Bundle { public int Id { get; set; } }
        [KegGroup]
        public partial class Group { public int Id { get; set; } }
        [KegAttempt]
        public partial class Attempt { public int Id { get; set; } }
        [KegPermissionSet]
        public static partial class AppPermissions
        {
            [System.ComponentModel.Description("View reports")] public const string ReportsView = "reports.view";
            public const string ReportsExport = "reports.export";
        }
        """;

    private const string Unrelated = """
        namespace Sample;
        public class Other { public int Value { get; set; } }
        """;

    [Fact]
    public void Rerun_on_unchanged_compilation_is_fully_cached()
    {
        var compilation = TestCompilation.Create(Users, Unrelated);
        var (_, _, driver) = GeneratorRunner.Run(compilation);

        var (_, result, _) = GeneratorRunner.Run(compilation.Clone(), driver);

        AssertAllCached(result);
    }

    [Fact]
    public void Edit_in_an_unrelated_file_keeps_every_step_cached()
    {
        var compilation = TestCompilation.Create(Users, Unrelated);
        var (_, _, driver) = GeneratorRunner.Run(compilation);

        var edited = ReplaceTree(compilation, 1, Unrelated.Replace("Value", "Amount"));
        var (_, result, _) = GeneratorRunner.Run(edited, driver);

        AssertAllCached(result);
    }

    [Fact]
    public void Edit_inside_a_method_body_of_an_annotated_class_keeps_every_step_cached()
    {
        var compilation = TestCompilation.Create(Users, Unrelated);
        var (_, _, driver) = GeneratorRunner.Run(compilation);

        var edited = ReplaceTree(compilation, 0, Users.Replace("return 1;", "return 2;"));
        var (_, result, _) = GeneratorRunner.Run(edited, driver);

        AssertAllCached(result);
    }

    [Fact]
    public void Shape_change_of_one_entity_re_emits_only_that_entity()
    {
        var compilation = TestCompilation.Create(Users, Unrelated);
        var (_, _, driver) = GeneratorRunner.Run(compilation);

        // Admin's key becomes a Guid: its model changes, User's does not.
        var edited = ReplaceTree(compilation, 0, Users.Replace("public long Id", "public System.Guid Id"));
        var (_, result, _) = GeneratorRunner.Run(edited, driver);

        var reasons = result.Results[0].TrackedSteps[KegTrackingNames.UserModels]
            .SelectMany(step => step.Outputs)
            .Select(output => output.Reason)
            .ToArray();
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        Assert.Contains(reasons, r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged);

        var emitted = result.Results[0].TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(step => step.Outputs).ToArray();
        Assert.Single(emitted, output => output.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Renaming_the_attempt_class_re_emits_only_the_attempt()
    {
        var compilation = TestCompilation.Create(Users, Unrelated);
        var (_, _, driver) = GeneratorRunner.Run(compilation);

        // Each file is emitted from the slice of the registry it reads: no user, bundle or group file names the attempt class.
        var edited = ReplaceTree(compilation, 0, Users.Replace("partial class Attempt", "partial class LoginAttempt"));
        var (_, result, _) = GeneratorRunner.Run(edited, driver);

        var outputs = result.Results[0].TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(step => step.Outputs).ToArray();
        // User: KegUser, KegUserEmail; Admin: KegUser, KegUserToken, KegUserTotp, KegUserPasskeys, KegUser.Permissions; Attempt, Permission, Bundle, Group; the permission set.
        Assert.Equal(12, outputs.Length);
        Assert.Single(outputs, output => output.Reason != IncrementalStepRunReason.Cached);
        Assert.Contains(result.Results[0].GeneratedSources, s => s.HintName.StartsWith("Sample.LoginAttempt.KegAttempt.", StringComparison.Ordinal));
    }

    [Fact]
    public void Models_hold_no_symbols_syntax_or_compilations()
    {
        var (_, result, _) = GeneratorRunner.Run(TestCompilation.Create(Users, Unrelated));

        var models = KegTrackingNames.All
            .SelectMany(name => result.Results[0].TrackedSteps[name])
            .SelectMany(step => step.Outputs)
            .Select(output => output.Value)
            .ToArray();
        Assert.NotEmpty(models);
        foreach (var model in models)
        {
            AssertPlainData(model, new HashSet<object>(ReferenceEqualityComparer.Instance), "model");
        }
    }

    private static void AssertAllCached(GeneratorDriverRunResult result)
    {
        var run = result.Results[0];
        foreach (var name in KegTrackingNames.All)
        {
            Assert.True(run.TrackedSteps.ContainsKey(name), $"step {name} was not tracked");
            foreach (var output in run.TrackedSteps[name].SelectMany(step => step.Outputs))
            {
                Assert.True(
                    output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                    $"step {name} was {output.Reason}");
            }
        }

        foreach (var output in run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(step => step.Outputs))
        {
            Assert.Equal(IncrementalStepRunReason.Cached, output.Reason);
        }
    }

    private static Compilation ReplaceTree(Compilation compilation, int index, string source)
    {
        var old = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(source, TestCompilation.ParseOptions, old.FilePath));
    }

    private static void AssertPlainData(object? value, HashSet<object> seen, string path)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(
            value is ISymbol or Compilation or SyntaxNode or SyntaxTree or Location or SemanticModel,
            $"{path} holds a {value.GetType().Name}, which breaks caching and keeps compilations alive");

        if (value is IEnumerable sequence)
        {
            var i = 0;
            foreach (var item in sequence)
            {
                AssertPlainData(item, seen, $"{path}[{i++}]");
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertPlainData(field.GetValue(value), seen, $"{path}.{field.Name}");
        }
    }
}
