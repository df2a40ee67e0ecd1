using System.Collections.Immutable;
using KegAuth.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace KegAuth.Generators.Tests.Robustness;

/// <summary>
/// The diagnostics issue 21 added (KEG013 to KEG018) and the quieter old ones: each at its exact
/// location, and the generator writing nothing for what they report.
/// </summary>
public class RobustnessDiagnosticTests
{
    // "/*!*/" marks where the diagnostic must start; the identifier after it is its whole span.
    private const string Marker = "/*!*/";

    [Theory]
    [InlineData("KEG014", "public partial class Outer { [KegUser] private partial class /*!*/User { public int Id { get; set; } } }", "private")]
    [InlineData("KEG014", "public partial class Outer { [KegPermission] protected partial class /*!*/P { public int Id { get; set; } } }", "protected")]
    [InlineData("KEG014", "[KegAttempt] file partial class /*!*/Attempt { public int Id { get; set; } }", "file-local")]
    [InlineData("KEG014", "public partial class Outer { private partial class Inner { [KegUser] public partial class /*!*/User { public int Id { get; set; } } } }", "nested in 'Inner'")]
    [InlineData("KEG015", "[KegUser, KegUserToken, KegPermission] public partial class /*!*/User { public int Id { get; set; } }", "[KegUser] and [KegPermission]")]
    [InlineData("KEG015", "[KegPermission] public partial class P { public int Id { get; set; } } [KegBundle, KegGroup] public partial class /*!*/Team { public int Id { get; set; } }", "[KegBundle] and [KegGroup]")]
    [InlineData("KEG016", "[KegUser(Registered = true)] public partial class User { public int Id { get; set; } } [KegUser] public partial class /*!*/Admin : User { }", "derives from 'User', which has [KegUser]")]
    [InlineData("KEG016", "[KegUser] public partial class User { public int Id { get; set; } } public class Mid : User { } [KegPermission] public partial class /*!*/P : Mid { }", "derives from 'User'")]
    [InlineData("KEG017", "[KegUser, KegUserEmail] public partial class /*!*/Email { public int Id { get; set; } }", "[KegUserEmail]")]
    [InlineData("KEG017", "[KegAttempt] public partial class /*!*/Success { public int Id { get; set; } }", "[KegAttempt]")]
    [InlineData("KEG017", "[KegPermission] public partial class P { public int Id { get; set; } } [KegBundle] public partial class /*!*/Name { public int Id { get; set; } }", "[KegBundle]")]
    [InlineData("KEG018", "[KegUser] public partial class /*!*/User { public int Id { get; set; } } [KegPermission] internal partial class P { public int Id { get; set; } }", "'P', which its generated member 'Permissions' exposes")]
    [InlineData("KEG018", "[KegUser] internal partial class User { public int Id { get; set; } } [KegPermission] public partial class P { public int Id { get; set; } } [KegBundle] public partial class /*!*/B { public int Id { get; set; } }", "'Users'")]
    [InlineData("KEG011", "[KegUser] public partial class /*!*/Permissions { public int Id { get; set; } } [KegPermission] public partial class P { public int Id { get; set; } }", "'P' is the permission class")]
    [InlineData("KEG010", "[KegUser] public partial class User { public int Id { get; set; } static System.Linq.Expressions.Expression<System.Func<User, System.DateTime, bool>> IKegUser<User>./*!*/IsActiveExpression => (u, t) => true; }", "'User.IsActiveExpression'")]
    [InlineData("KEG010", "[KegPermission] public partial class P { public int Id { get; set; } } [KegBundle] public partial class /*!*/B : System.Diagnostics.Tracing.EventSource { public int Id { get; set; } }", "inherited from 'System.Diagnostics.Tracing.EventSource', which cannot be changed")]
    [InlineData("KEG019", "public class System { } [KegUser] public partial class /*!*/User { public int Id { get; set; } }", "hides the 'System' namespace")]
    public async Task Reported_at_the_declaration_with_a_message_that_says_why(string id, string declaration, string hint)
    {
        var source = "using KegAuth;\n" + declaration;
        var diagnostics = await AnalyzerRunner.RunAsync(source.Replace(Marker, string.Empty));

        var diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        Assert.Equal(ExpectedSpan(source), diagnostic.Location.SourceSpan);
        Assert.True(diagnostic.GetMessage().Contains(hint), diagnostic.GetMessage());
        Assert.Empty(diagnostics.Where(d => d.Id != id && d.Id != "KEG006"));
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp9)]
    [InlineData(LanguageVersion.CSharp10)]
    public async Task Below_CSharp_11_each_entity_is_refused_and_nothing_is_generated(LanguageVersion version)
    {
        const string source = "using KegAuth;\n[KegUser] public partial class /*!*/User { public int Id { get; set; } }";
        var parse = new CSharpParseOptions(version);
        var input = TestCompilation.Create().AddSyntaxTrees(CSharpSyntaxTree.ParseText(source.Replace(Marker, string.Empty), parse, path: "Source0.cs"));
        var driver = CSharpGeneratorDriver.Create([new KegAuthGenerator().AsSourceGenerator()], parseOptions: parse).RunGeneratorsAndUpdateCompilation(input, out var output, out _);

        var diagnostic = Assert.Single(await AnalyzerRunner.RunAsync(output));
        Assert.Equal("KEG013", diagnostic.Id);
        Assert.Equal(ExpectedSpan(source), diagnostic.Location.SourceSpan);
        Assert.Contains("C# " + version.ToDisplayString(), diagnostic.GetMessage());
        Assert.Empty(driver.GetRunResult().GeneratedTrees);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Theory]
    [InlineData("[KegUser] public partial class User { public int UserId { get; set; } }")]
    [InlineData("[KegUser] public partial class User { public int ID { get; set; } }")]
    [InlineData("[KegPermission] public partial class Permission { public long permissionid { get; set; } }")]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } public T GetId<T>() => default!; }")]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } public void SetPassword(ref string plain, KegAuthOptions options) { } }")]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } bool IKegUser.IsActive => true; }")]
    [InlineData("public class Base { private int Id { get; set; } } [KegUser] public partial class User : Base { public int UserId { get; set; } }")]
    public async Task Legal_code_reports_nothing_and_generates(string declaration)
    {
        var (output, result, _) = GeneratorRunner.Run(TestCompilation.Create("using KegAuth;\n" + declaration));

        Assert.Empty(await AnalyzerRunner.RunAsync(output));
        Assert.Contains(result.GeneratedTrees, t => t.FilePath.Contains(".Keg", StringComparison.Ordinal) && !t.FilePath.Contains("Registry", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[KegUser] public partial class User { public Missing Id { get; set; } }")]
    [InlineData("[KegPermission] public partial class P { [System.ComponentModel.DataAnnotations.Key] public Missing Code { get; set; } }")]
    public async Task Nothing_is_reported_on_top_of_an_unresolved_key_type(string declaration)
    {
        var input = TestCompilation.Create("using KegAuth;\n" + declaration);

        Assert.Contains(input.GetDiagnostics(), d => d.Id == "CS0246");
        Assert.Empty(await AnalyzerRunner.RunAsync(input));
    }

    [Fact]
    public async Task Messages_qualify_classes_whose_short_names_clash()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            "namespace A { [KegAuth.KegPermission] public partial class P { public int Id { get; set; } } } namespace B { [KegAuth.KegPermission] public partial class P { public int Id { get; set; } } }");

        Assert.Equal(2, diagnostics.Length);
        Assert.Contains("'A.P' has [KegPermission], and so does 'B.P'", diagnostics[0].GetMessage());
        Assert.Contains("'B.P' has [KegPermission], and so does 'A.P'", diagnostics[1].GetMessage());
    }

    private static Microsoft.CodeAnalysis.Text.TextSpan ExpectedSpan(string source)
    {
        var start = source.IndexOf(Marker, StringComparison.Ordinal);
        var length = 0;
        while (char.IsLetterOrDigit(source[start + Marker.Length + length]))
        {
            length++;
        }

        return new Microsoft.CodeAnalysis.Text.TextSpan(start, length);
    }
}
