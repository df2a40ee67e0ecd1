using System.Text.RegularExpressions;
using KegAuth.Generators.Diagnostics;
using KegAuth.Generators.Tests.Infrastructure;
using Xunit;

namespace KegAuth.Generators.Tests;

/// <summary>Each diagnostic fires where it should, says what to change, and nowhere else.</summary>
public class DiagnosticTests
{
    [Theory]
    [InlineData("KEG001", "[KegUser] public class User { public int Id { get; set; } }", "partial")]
    [InlineData("KEG001", "[KegPermission] public class Permission { public int Id { get; set; } }", "partial")]
    [InlineData("KEG002", "[KegUserEmail] public partial class User { public int Id { get; set; } }", "[KegUser]")]
    [InlineData("KEG002", "[KegUserToken] public partial class User { public int Id { get; set; } }", "[KegUser]")]
    [InlineData("KEG003", "[KegUser] public partial class User { public int Number { get; set; } }", "[Key]")]
    [InlineData("KEG004", "[KegUser] public partial class User { public decimal Id { get; set; } }", "int, long, Guid or string")]
    [InlineData("KEG005", "[KegUser] public partial record User { public int Id { get; set; } }", "a record")]
    [InlineData("KEG005", "[KegUser] public static partial class User { }", "static")]
    [InlineData("KEG005", "[KegUser] public partial class User<T> { public int Id { get; set; } }", "generic")]
    [InlineData("KEG005", "public class Outer { [KegUser] public partial class User { public int Id { get; set; } } }", "not partial")]
    public async Task Reports_the_mistake_with_a_message_that_says_what_to_change(string id, string declaration, string hint)
    {
        var diagnostics = await AnalyzerRunner.RunAsync("using KegAuth;\n" + declaration);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(hint, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } }")]
    [InlineData("[KegUser, KegUserEmail, KegUserToken] public partial class User { public long Id { get; set; } }")]
    [InlineData("[KegUser] public partial class User { [System.ComponentModel.DataAnnotations.Key] public string Code { get; set; } = \"\"; }")]
    [InlineData("public abstract class Entity { public System.Guid Id { get; set; } } [KegUser] public partial class User : Entity { }")]
    [InlineData("public partial class Outer { [KegUser] public partial class User { public int Id { get; set; } } }")]
    [InlineData("public class Plain { public decimal Id { get; set; } }")]
    public async Task Valid_declarations_report_nothing(string declaration)
    {
        var diagnostics = await AnalyzerRunner.RunAsync("using KegAuth;\n" + declaration);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Every_descriptor_is_an_error_with_a_help_page_that_exists_and_a_release_entry()
    {
        var root = RepositoryRoot();
        var unshipped = File.ReadAllText(Path.Combine(root, "src", "KegAuth.Generators", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            Assert.Matches(new Regex("^KEG[0-9]{3}$"), descriptor.Id);
            Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, descriptor.DefaultSeverity);
            Assert.EndsWith("/docs/diagnostics/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
            Assert.True(File.Exists(Path.Combine(root, "docs", "diagnostics", descriptor.Id + ".md")), $"docs/diagnostics/{descriptor.Id}.md is missing");
            Assert.Contains(descriptor.Id + " |", unshipped);
        }

        Assert.Equal(DiagnosticDescriptors.All.Length, DiagnosticDescriptors.All.Select(d => d.Id).Distinct().Count());
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", ".."));
}
