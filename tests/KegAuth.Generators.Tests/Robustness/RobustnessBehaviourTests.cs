using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KegAuth.Generators.Tests.Robustness;

/// <summary>
/// The "compiles, but wrong" cases of issue 21: generated code that read a parameter where it meant
/// the user's key. The token case is run for real; the others are checked in the generated text.
/// </summary>
public class RobustnessBehaviourTests
{
    [Fact]
    public void A_string_key_named_token_still_lets_reset_tokens_verify()
    {
        // TokenVerify(string? token, ...) once read its own parameter as the key, so no token ever verified.
        var outcome = Invariant.Check(["namespace Sample; [KegAuth.KegUser] public partial class User { [System.ComponentModel.DataAnnotations.Key] public string token { get; set; } = \"\"; }"]);
        Assert.Empty(outcome.Violations);

        using var stream = new MemoryStream();
        var emit = outcome.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        var context = new AssemblyLoadContext("token-key", isCollectible: true);
        try
        {
            stream.Position = 0;
            var type = context.LoadFromStream(stream).GetType("Sample.User")!;
            var user = (IKegUser)Activator.CreateInstance(type)!;
            type.GetProperty("token")!.SetValue(user, "user-42");
            type.GetProperty("Username")!.SetValue(user, "zoe");
            var options = new KegAuthOptions { SecretKey = "robustness-secret-0123456789-abcdefghijklmnop", PasswordWorkFactor = 4 };

            var token = user.TokenGenerate(options);

            Assert.True(user.TokenVerify(token, options));
            type.GetProperty("token")!.SetValue(user, "user-43");
            Assert.False(user.TokenVerify(token, options));
        }
        finally
        {
            context.Unload();
        }
    }

    [Theory]
    [InlineData("[KegPermission] public partial class P { public int Id { get; set; } } [KegGroup] public partial class G { [Key] public int db { get; set; } }", "PermissionsAsync(db, this.@db, cancellationToken)")]
    [InlineData("[KegUser] public partial class User { [Key] public int cancellationToken { get; set; } } [KegPermission] public partial class P { public int Id { get; set; } }", "PermissionsAsync(db, this.cancellationToken, cancellationToken)")]
    [InlineData("[KegUser] public partial class User { [Key] public int options { get; set; } }", "FromInt64(this.@options)")]
    [InlineData("[KegUser] public partial class User { [Key] public int @event { get; set; } }", "FromInt64(this.@event)")]
    [InlineData("[KegUser] public partial class User { [Key] public string? Code { get; set; } }", "FromString(this.Code ?? string.Empty)")]
    public void The_key_is_read_from_the_entity_never_from_a_parameter(string declaration, string expected)
    {
        var outcome = Invariant.Check(["using KegAuth; using System.ComponentModel.DataAnnotations;\n" + declaration]);

        Assert.Empty(outcome.Violations);
        Assert.Contains(outcome.Generated.Values, text => text.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void An_attribute_on_two_partial_parts_gives_one_file()
    {
        var outcome = Invariant.Check(["namespace Sample; [KegAuth.KegUser] public partial class User { public int Id { get; set; } } [KegAuth.KegUser] public partial class User { }"]);

        Assert.Empty(outcome.Violations);
        Assert.Single(outcome.Generated.Keys, k => k.Contains("KegUser", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_local_entity_does_not_take_the_other_entities_down()
    {
        var outcome = Invariant.Check(["namespace Sample; [KegAuth.KegPermission] file partial class P { public int Id { get; set; } } [KegAuth.KegUser] public partial class User { public int Id { get; set; } }"]);

        Assert.Empty(outcome.Violations);
        Assert.Contains("Sample.User.KegUser.g.cs", outcome.Generated.Keys);
        Assert.Contains(outcome.Analyzer, d => d.Id == "KEG014");
    }
}
