using KegAuth.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KegAuth.Generators.Tests;

/// <summary>KEG010 and KEG011: a user's member with the name of a generated one is reported on the user's member.</summary>
public class MemberCollisionTests
{
    [Theory]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } public bool IsActive { get; set; } }", "'User.IsActive'", "[KegUser]")]
    [InlineData("[KegUser, KegUserEmail] public partial class User { public int Id { get; set; } public int Email { get; set; } }", "'User.Email'", "[KegUserEmail]")]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } public int GetId() => Id; }", "'User.GetId'", "[KegUser]")]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } public void SetPassword(string p, KegAuthOptions o) { } }", "'User.SetPassword'", "[KegUser]")]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } public string Username() => \"\"; }", "'User.Username'", "[KegUser]")]
    [InlineData("[KegUser, KegUserToken] public partial class User { public int Id { get; set; } public string Token { get; set; } = \"\"; }", "'User.Token'", "[KegUserToken]")]
    [InlineData("[KegUser, KegUserTotp] public partial class User { public int Id { get; set; } public bool VerifyTotp(string code, KegAuthOptions o) => false; }", "'User.VerifyTotp'", "[KegUserTotp]")]
    [InlineData("[KegUser, KegUserPasskeys] public partial class User { public int Id { get; set; } public int Passkeys { get; set; } }", "'User.Passkeys'", "[KegUserPasskeys]")]
    [InlineData("[KegAttempt] public partial class Attempt { public int Id { get; set; } public bool Success; }", "'Attempt.Success'", "[KegAttempt]")]
    [InlineData("[KegPermission] public partial class Permission { public int Id { get; set; } public string Description() => \"\"; }", "'Permission.Description'", "[KegPermission]")]
    [InlineData("public class Person { public string Username { get; set; } = \"\"; } [KegUser] public partial class User : Person { public int Id { get; set; } }", "'Person.Username'", "on 'User'")]
    public async Task A_member_with_a_generated_name_is_reported_on_it(string declaration, string member, string hint)
    {
        var diagnostics = await AnalyzerRunner.RunAsync("using KegAuth;\n" + declaration);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("KEG010", diagnostic.Id);
        Assert.Contains(member, diagnostic.GetMessage());
        Assert.Contains(hint, diagnostic.GetMessage());
        Assert.Contains("remove it", diagnostic.GetMessage());
        Assert.Contains(member.Trim('\'').Split('.')[1], diagnostic.Location.SourceTree!.ToString().Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Theory]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } public bool IsActiveAt(System.DateTime at, int grace) => true; }")]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } public string Token { get; set; } = \"\"; public bool IsVerified { get; set; } }")]
    [InlineData("public class Person { private string Username = \"\"; public string Name => Username; } [KegUser] public partial class User : Person { public int Id { get; set; } }")]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } public System.Collections.Generic.List<string> Permissions { get; set; } = new(); }")]
    [InlineData("[KegUser(Registered = true)] public partial class User { public int Id { get; set; } } [KegUser] public partial class Admin { public int Id { get; set; } public string Permissions { get; set; } = \"\"; } [KegPermission] public partial class P { public int Id { get; set; } }")]
    [InlineData("[KegBundle] public partial class B { public int Id { get; set; } public string Groups { get; set; } = \"\"; } [KegPermission] public partial class P { public int Id { get; set; } }")]
    public async Task Members_that_do_not_collide_are_not_reported(string declaration)
    {
        var diagnostics = await AnalyzerRunner.RunAsync("using KegAuth;\n" + declaration);

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } public int Permissions { get; set; } } [KegPermission] public partial class Permission { public int Id { get; set; } }", "'User.Permissions'", "'Permission' is the permission class")]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } public void ClearPermissionCache() { } } [KegPermission] public partial class Permission { public int Id { get; set; } }", "'User.ClearPermissionCache'", "'User' is the registered user")]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } } [KegPermission] public partial class P { public int Id { get; set; } } [KegBundle] public partial class B { public int Id { get; set; } public int Users; }", "'B.Users'", "'User' is the registered user")]
    [InlineData("[KegPermission] public partial class P { public int Id { get; set; } } [KegGroup] public partial class G { public int Id { get; set; } public int GetAllPermissionsAsync(Microsoft.EntityFrameworkCore.DbContext db, System.Threading.CancellationToken ct) => 0; }", "'G.GetAllPermissionsAsync'", "'P' is the permission class")]
    public async Task A_member_with_a_generated_relationship_name_is_reported_once_the_registry_is_known(string declaration, string member, string hint)
    {
        var diagnostics = await AnalyzerRunner.RunAsync("using KegAuth;\n" + declaration);

        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("KEG011", diagnostic.Id);
        Assert.Contains(member, diagnostic.GetMessage());
        Assert.True(diagnostic.GetMessage().Contains(hint), diagnostic.GetMessage());
    }

    [Fact]
    public async Task The_generated_members_themselves_are_not_reported()
    {
        var input = TestCompilation.Create("""
            using KegAuth;
            namespace Sample;
            [KegUser(Registered = true), KegUserEmail, KegUserToken] public partial class User { public int Id { get; set; } }
            [KegUser] public partial class Operator { public int Id { get; set; } }
            [KegPermission] public partial class Permission { public int Id { get; set; } }
            [KegBundle] public partial class Bundle { public int Id { get; set; } }
            [KegGroup] public partial class Group { public int Id { get; set; } }
            [KegAttempt] public partial class Attempt { public int Id { get; set; } }
            """);
        var (output, _, _) = GeneratorRunner.Run(input);

        var diagnostics = await AnalyzerRunner.RunAsync(output);

        Assert.Empty(diagnostics);
    }

    [Theory]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } public bool IsActive { get; set; } }", "KEG010")]
    [InlineData("[KegUser] public partial class User { public int Id { get; set; } public int Permissions { get; set; } } [KegPermission] public partial class P { public int Id { get; set; } }", "KEG011")]
    public async Task A_reported_collision_leaves_nothing_that_collides_in_the_generated_file(string source, string id)
    {
        // Issue 21: the collision used to be reported and emitted anyway, adding CS0102 inside a file the user did not write.
        var input = TestCompilation.Create("using KegAuth; " + source);
        var (output, result, _) = GeneratorRunner.Run(input);

        Assert.Contains(await AnalyzerRunner.RunAsync(output), d => d.Id == id);
        var generated = result.GeneratedTrees.ToHashSet();
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning && generated.Contains(d.Location.SourceTree!));
    }
}
