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
    [InlineData("KEG002", "[KegUserTotp] public partial class User { public int Id { get; set; } }", "[KegUser]")]
    [InlineData("KEG002", "[KegUserPasskeys] public partial class User { public int Id { get; set; } }", "[KegUser]")]
    [InlineData("KEG003", "[KegUser] public partial class User { public int Number { get; set; } }", "[Key]")]
    [InlineData("KEG004", "[KegUser] public partial class User { public decimal Id { get; set; } }", "int, long, Guid or string")]
    [InlineData("KEG005", "[KegUser] public partial record User { public int Id { get; set; } }", "a record")]
    [InlineData("KEG005", "[KegUser] public static partial class User { }", "static")]
    [InlineData("KEG005", "[KegUser] public partial class User<T> { public int Id { get; set; } }", "generic")]
    [InlineData("KEG005", "public class Outer { [KegUser] public partial class User { public int Id { get; set; } } }", "not partial")]
    [InlineData("KEG006", "[KegPermission] public partial class Permission { public int Id { get; set; } } [KegPermission] public partial class Right { public int Id { get; set; } }", "Entity class already registered for permission")]
    [InlineData("KEG006", "[KegPermission] public partial class P { public int Id { get; set; } } [KegBundle] public partial class B1 { public int Id { get; set; } } [KegBundle] public partial class B2 { public int Id { get; set; } }", "Entity class already registered for bundle")]
    [InlineData("KEG006", "[KegPermission] public partial class P { public int Id { get; set; } } [KegGroup] public partial class G1 { public int Id { get; set; } } [KegGroup] public partial class G2 { public int Id { get; set; } }", "Entity class already registered for group")]
    [InlineData("KEG006", "[KegAttempt] public partial class A1 { public int Id { get; set; } } [KegAttempt] public partial class A2 { public int Id { get; set; } }", "Entity class already registered for attempt")]
    [InlineData("KEG008", "[KegUser(Registered = true)] public partial class User { public int Id { get; set; } } [KegUser] public partial class Admin { public int Id { get; set; } } [KegUser(Registered = true)] public partial class Root { public int Id { get; set; } }", "Registered = true on one")]
    [InlineData("KEG009", "[KegBundle] public partial class Bundle { public int Id { get; set; } }", "[KegPermission]")]
    [InlineData("KEG009", "[KegGroup] public partial class Group { public int Id { get; set; } }", "[KegPermission]")]
    public async Task Reports_the_mistake_with_a_message_that_says_what_to_change(string id, string declaration, string hint)
    {
        var diagnostics = await AnalyzerRunner.RunAsync("using KegAuth;\n" + declaration);

        // KEG006 and KEG008 name each class involved, so two reports; every other case reports once.
        var diagnostic = id is "KEG006" or "KEG008" ? Assert.Single(diagnostics.DistinctBy(d => d.Id)) : Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Contains(hint, diagnostic.GetMessage());
    }

    [Theory]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } }")]
    [InlineData("[KegUser, KegUserEmail, KegUserToken] public partial class User { public long Id { get; set; } }")]
    [InlineData("[KegUser, KegUserEmail, KegUserToken, KegUserTotp, KegUserPasskeys] public partial class User { public long Id { get; set; } }")]
    [InlineData("[KegUser] public partial class User { [System.ComponentModel.DataAnnotations.Key] public string Code { get; set; } = \"\"; }")]
    [InlineData("public abstract class Entity { public System.Guid Id { get; set; } } [KegUser] public partial class User : Entity { }")]
    [InlineData("public partial class Outer { [KegUser] public partial class User { public int Id { get; set; } } }")]
    [InlineData("public class Plain { public decimal Id { get; set; } }")]
    [InlineData("[KegUser(Registered = true)] public partial class User { public int Id { get; set; } } [KegUser] public partial class Admin { public int Id { get; set; } }")]
    [InlineData("[KegUser(Registered = true)] public partial class User { public int Id { get; set; } }")]
    [InlineData("[KegUser] public partial class U { public int Id { get; set; } } [KegPermission] public partial class P { public int Id { get; set; } } [KegBundle] public partial class B { public int Id { get; set; } } [KegGroup] public partial class G { public int Id { get; set; } } [KegAttempt] public partial class A { public int Id { get; set; } }")]
    public async Task Valid_declarations_report_nothing(string declaration)
    {
        var diagnostics = await AnalyzerRunner.RunAsync("using KegAuth;\n" + declaration);

        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Duplicate_entity_classes_are_each_reported_and_none_is_named_the_registered_one()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            "using KegAuth;\n[KegPermission] public partial class Permission { public int Id { get; set; } }",
            "using KegAuth;\n[KegPermission] public partial class Right { public int Id { get; set; } }");

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal("KEG006", d.Id));
        var messages = diagnostics.Select(d => d.GetMessage()).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            [
                "Entity class already registered for permission: 'Permission' has [KegPermission], and so does 'Right'; no permission class is registered until [KegPermission] is on one class only",
                "Entity class already registered for permission: 'Right' has [KegPermission], and so does 'Permission'; no permission class is registered until [KegPermission] is on one class only",
            ],
            messages);
    }

    [Fact]
    public async Task Several_users_and_none_registered_is_reported_on_each_user()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(
            "using KegAuth;\n[KegUser] public partial class User { public int Id { get; set; } } [KegUser] public partial class Admin { public int Id { get; set; } }");

        Assert.Equal(2, diagnostics.Length);
        Assert.All(diagnostics, d => Assert.Equal("KEG007", d.Id));
        Assert.All(diagnostics, d => Assert.Contains("[KegUser(Registered = true)]", d.GetMessage()));
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
