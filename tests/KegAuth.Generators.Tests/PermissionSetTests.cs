using System.Collections.Immutable;
using KegAuth.CodeFixes;
using KegAuth.Generators.Diagnostics;
using KegAuth.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KegAuth.Generators.Tests;

/// <summary>
/// <c>[KegPermissionSet]</c>: the generated <c>All</c>, the set's own diagnostics (KEG020–KEG023), KEG012
/// on undeclared constant tokens at each kind of KegAuth permission API, and its code fix.
/// </summary>
public class PermissionSetTests
{
    private const string Set = """
        using System.ComponentModel;
        using KegAuth;
        namespace Sample;
        [KegPermissionSet]
        public static partial class AppPermissions
        {
            [Description("View reports")] public const string ReportsView = "reports.view";
            public const string ReportsExport = "reports.export";
            [Description("Quote \" and \\ kept")] public const string @event = "event.manage";
        }
        """;

    [Fact]
    public void All_lists_every_constant_with_its_description_in_declaration_order()
    {
        var (output, result, _) = GeneratorRunner.Run(TestCompilation.Create(Set));

        Assert.Empty(GeneratorRunner.ErrorsAndWarnings(output));
        var file = Assert.Single(result.GeneratedTrees, t => t.FilePath.Contains("Sample.AppPermissions.KegPermissionSet.", StringComparison.Ordinal));
        var text = file.GetText().ToString();
        var view = text.IndexOf("new global::KegAuth.KegDeclaredPermission(ReportsView, \"View reports\"),", StringComparison.Ordinal);
        var export = text.IndexOf("new global::KegAuth.KegDeclaredPermission(ReportsExport, null),", StringComparison.Ordinal);
        var @event = text.IndexOf("new global::KegAuth.KegDeclaredPermission(@event, \"Quote \\\" and \\\\ kept\"),", StringComparison.Ordinal);
        Assert.True(view > 0 && export > view && @event > export, text);
        Assert.Contains("public static global::System.Collections.Generic.IReadOnlyList<global::KegAuth.KegDeclaredPermission> All { get; }", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[KegPermissionSet] public partial class P { public const string A = \"a\"; }", "KEG020", "P", "is not static")]
    [InlineData("[KegPermissionSet] public static class P { public const string A = \"a\"; }", "KEG020", "P", "is not partial")]
    [InlineData("[KegPermissionSet] public static partial class P { public const string A = \"a\"; public static int All => 1; }", "KEG020", "P", "named 'All'")]
    [InlineData("[KegPermissionSet] public static partial class P<T> { public const string A = \"a\"; }", "KEG020", "P", "is generic")]
    [InlineData("[KegPermissionSet] public static partial class P { public static readonly string A = \"a\"; }", "KEG021", "A", "'A'")]
    [InlineData("[KegPermissionSet] public static partial class P { public const int A = 1; }", "KEG021", "A", "'A'")]
    [InlineData("[KegPermissionSet] public static partial class P { public const string A = \" \"; }", "KEG022", "A", "empty token")]
    [InlineData("[KegPermissionSet] public static partial class P { public const string A = \"a\\u0000b\"; }", "KEG022", "A", "control character")]
    [InlineData("[KegPermissionSet] public static partial class P { public const string A = \"a\"; public const string B = \"a\"; }", "KEG023", "B", "already declared by 'P.A'")]
    public async Task Set_mistakes_are_reported_at_the_member_with_the_reason(string source, string id, string at, string reason)
    {
        var diagnostics = await AnalyzeAsync("using KegAuth;\n" + source);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(at, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Contains(reason, diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_set_the_generator_cannot_extend_gets_no_output_and_the_other_sets_still_do()
    {
        var source = "using KegAuth;\n[KegPermissionSet] public static class Broken { public const string A = \"a\"; }\n[KegPermissionSet] public static partial class Good { public const string B = \"b\"; }";
        var (output, result, _) = GeneratorRunner.Run(TestCompilation.Create(source));

        Assert.Single(result.GeneratedTrees, t => t.FilePath.Contains("Good.KegPermissionSet", StringComparison.Ordinal));
        Assert.DoesNotContain(result.GeneratedTrees, t => t.FilePath.Contains("Broken", StringComparison.Ordinal));
        Assert.Empty(GeneratorRunner.ErrorsAndWarnings(output));
        Assert.Equal(["KEG020"], (await AnalyzeAsync(source)).Select(d => d.Id));
    }

    [Fact]
    public async Task A_token_declared_by_two_sets_is_reported_at_the_second()
    {
        var diagnostics = await AnalyzeAsync(
            "using KegAuth;\nnamespace A { [KegPermissionSet] public static partial class Set { public const string X = \"x\"; } }",
            "using KegAuth;\nnamespace B { [KegPermissionSet] public static partial class Set { public const string Y = \"x\"; } }");

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("KEG023", diagnostic.Id);
        Assert.Equal("Source1.cs", diagnostic.Location.SourceTree!.FilePath);
        Assert.Contains("already declared by 'A.Set.X'", diagnostic.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Undeclared_constant_tokens_are_errors_at_every_permission_api_and_declared_ones_are_not()
    {
        var usage = """
            using System.Threading.Tasks;
            using KegAuth;
            using Microsoft.EntityFrameworkCore;
            namespace Sample;
            public sealed class TokenCheckAttribute([KegPermissionToken] params string[] tokens) : System.Attribute { }
            public static class Checks
            {
                private const string Typo = "reports.veiw";
                public static void Helper([KegPermissionToken] string token) { }
                [TokenCheck("reports.view", "reports.exprt")]
                public static async Task Run(IKegPermissionUser user, DbContext db)
                {
                    await user.HasAllPermissionsAsync(db, AppPermissions.ReportsView, "reports.veiw");
                    await user.HasAnyPermissionAsync(db, Typo);
                    PermissionCondition condition = "nope";
                    var any = PermissionCondition.HasAny("reports.view", "event.manag");
                    var token = PermissionCondition.Token("reports.export");
                    Helper("other");
                    string notChecked = "anything";
                }
            }
            """;

        var diagnostics = await AnalyzeAsync(Set, usage);

        var found = diagnostics.Select(d => (d.Id, Text(d))).ToArray();
        Assert.Equal(
            [("KEG012", "\"reports.exprt\""), ("KEG012", "\"reports.veiw\""), ("KEG012", "Typo"), ("KEG012", "\"nope\""), ("KEG012", "\"event.manag\""), ("KEG012", "\"other\"")],
            found);
        var typo = diagnostics.First(d => Text(d) == "\"reports.veiw\"");
        Assert.Equal("global::Sample.AppPermissions.ReportsView", typo.Properties[KegPermissionTokenAnalyzer.ReplacementProperty]);
        Assert.Contains("did you mean AppPermissions.ReportsView (\"reports.view\")?", typo.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_permission_methods_are_checked_through_the_interface_they_implement()
    {
        var entities = """
            using KegAuth;
            namespace Sample;
            [KegUser] public partial class User { public int Id { get; set; } }
            [KegPermission] public partial class Permission { public int Id { get; set; } }
            public static class Use
            {
                public static System.Threading.Tasks.Task<bool> Check(User user, Microsoft.EntityFrameworkCore.DbContext db) => user.HasAllPermissionsAsync(db, "reports.veiw");
            }
            """;
        var (output, _, _) = GeneratorRunner.Run(TestCompilation.Create(Set, entities));

        var diagnostics = await AnalyzeAsync(output);

        Assert.Equal([("KEG012", "\"reports.veiw\"")], diagnostics.Select(d => (d.Id, Text(d))));
    }

    [Fact]
    public async Task Without_any_set_no_token_is_checked()
    {
        var diagnostics = await AnalyzeAsync("using KegAuth;\npublic static class C { public static object M() => PermissionCondition.Token(\"whatever\"); }");

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Edit_distance_counts_insertions_deletions_and_substitutions()
    {
        Assert.Equal(0, KegPermissionTokenAnalyzer.EditDistance("reports.view", "reports.view"));
        Assert.Equal(2, KegPermissionTokenAnalyzer.EditDistance("reports.veiw", "reports.view"));
        Assert.Equal(1, KegPermissionTokenAnalyzer.EditDistance("reports.exprt", "reports.export"));
        Assert.Equal(3, KegPermissionTokenAnalyzer.EditDistance("", "abc"));
        Assert.Equal(3, KegPermissionTokenAnalyzer.EditDistance("abc", ""));
    }

    [Fact]
    public Task The_code_fix_uses_the_closest_declared_constant()
    {
        var test = new CSharpCodeFixTest<KegPermissionTokenAnalyzer, UseDeclaredPermissionCodeFixProvider, DefaultVerifier>
        {
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.Sources.Add(Set);
        test.TestState.Sources.Add("""
            using KegAuth;
            namespace Sample;
            public static class Checks
            {
                public static PermissionCondition Condition() => PermissionCondition.Token({|KEG012:"reports.exprt"|});
            }
            """);
        test.FixedState.Sources.Add(Set);
        test.FixedState.Sources.Add("""
            using KegAuth;
            namespace Sample;
            public static class Checks
            {
                public static PermissionCondition Condition() => PermissionCondition.Token(AppPermissions.ReportsExport);
            }
            """);
        test.TestState.AdditionalReferences.AddRange(TestCompilation.References);
        test.FixedState.AdditionalReferences.AddRange(TestCompilation.References);

        // The generator is not part of this test: All is not needed by the fix.
        return test.RunAsync();
    }

    private static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(params string[] sources) => AnalyzeAsync(TestCompilation.Create(sources));

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation)
    {
        var diagnostics = await compilation.WithAnalyzers([new KegPermissionSetAnalyzer(), new KegPermissionTokenAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        return [.. diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)];
    }

    private static string Text(Diagnostic diagnostic) => diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
