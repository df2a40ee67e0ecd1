using KegAuth.Generators.Diagnostics;
using KegAuth.Generators.Emitting;
using KegAuth.Generators.Models;
using KegAuth.Generators.Parsing;
using KegAuth.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace KegAuth.Generators.Tests;

/// <summary>
/// The collision analyzers read <see cref="GeneratedMembers"/>, a view of the member specs; these tests check each spec's declared name and shape against
/// the member its code template actually compiles to, for every entity kind and mixin combination.
/// </summary>
public class GeneratedMembersTableTests
{
    private const string FullModel = """
        using KegAuth;
        namespace Sample;
        [KegUser(Registered = true)] public partial class User { public int Id { get; set; } }
        [KegUser, KegUserEmail, KegUserToken] public partial class Operator { public int Id { get; set; } }
        [KegUser, KegUserEmail] public partial class Member { public int Id { get; set; } }
        [KegUser, KegUserToken] public partial class Robot { public int Id { get; set; } }
        [KegUser, KegUserTotp] public partial class Guard { public int Id { get; set; } }
        [KegPermission] public partial class Permission { public int Id { get; set; } }
        [KegBundle] public partial class Bundle { public int Id { get; set; } }
        [KegGroup] public partial class Group { public int Id { get; set; } }
        [KegAttempt] public partial class Attempt { public int Id { get; set; } }
        """;

    private static readonly RegistryModel FullRegistry = new(
        "global::Sample.User", "global::Sample.Permission", "global::Sample.Bundle", "global::Sample.Group", "global::Sample.Attempt", IsEmpty: false);

    public static TheoryData<string, string[]> FullModelClasses => new()
    {
        { "User", Expected("User", GeneratedMembers.ForUser(KegAttributes.None), GeneratedMembers.ForPermissionUser(FullRegistry)) },
        { "Operator", Expected("Operator", GeneratedMembers.ForUser(KegAttributes.UserEmail | KegAttributes.UserToken)) },
        { "Member", Expected("Member", GeneratedMembers.ForUser(KegAttributes.UserEmail)) },
        { "Robot", Expected("Robot", GeneratedMembers.ForUser(KegAttributes.UserToken)) },
        { "Guard", Expected("Guard", GeneratedMembers.ForUser(KegAttributes.UserTotp)) },
        { "Permission", Expected("Permission", GeneratedMembers.ForEntity(EntityKind.Permission)) },
        { "Bundle", Expected("Bundle", GeneratedMembers.ForEntity(EntityKind.Bundle), GeneratedMembers.ForRelationships(EntityKind.Bundle, FullRegistry)) },
        { "Group", Expected("Group", GeneratedMembers.ForEntity(EntityKind.Group), GeneratedMembers.ForRelationships(EntityKind.Group, FullRegistry)) },
        { "Attempt", Expected("Attempt", GeneratedMembers.ForAttempt()) },
    };

    [Theory]
    [MemberData(nameof(FullModelClasses))]
    public void The_table_lists_exactly_the_generated_members(string className, string[] expected)
    {
        Assert.Equal(expected, Generated(FullModel, className));
    }

    [Fact]
    public void Without_bundles_and_groups_the_registered_user_and_group_tables_shrink_with_the_output()
    {
        const string source = """
            using KegAuth;
            namespace Sample;
            [KegUser] public partial class User { public int Id { get; set; } }
            [KegPermission] public partial class Permission { public int Id { get; set; } }
            [KegGroup] public partial class Group { public int Id { get; set; } }
            """;
        var registry = new RegistryModel("global::Sample.User", "global::Sample.Permission", null, "global::Sample.Group", null, IsEmpty: false);

        Assert.Equal(Expected("User", GeneratedMembers.ForUser(KegAttributes.None), GeneratedMembers.ForPermissionUser(registry)), Generated(source, "User"));
        Assert.Equal(Expected("Group", GeneratedMembers.ForEntity(EntityKind.Group), GeneratedMembers.ForRelationships(EntityKind.Group, registry)), Generated(source, "Group"));
    }

    private static string[] Generated(string source, string className)
    {
        var (output, _, _) = GeneratorRunner.Run(TestCompilation.Create(source));
        var type = output.GetTypeByMetadataName("Sample." + className)!;
        return type.GetMembers()
            .Where(m => MemberCollisions.IsGenerated(m) && !m.IsImplicitlyDeclared)
            .Where(m => m is not IMethodSymbol { MethodKind: not MethodKind.Ordinary } && m is not IPropertySymbol { ExplicitInterfaceImplementations.Length: > 0 })
            .Select(m => m.Name + " " + MemberCollisions.ShapeOf(m))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    private static string[] Expected(string className, params List<GeneratedMember>[] parts) =>
        parts.SelectMany(p => p)
            .Where(g => !g.IsExplicit)
            .Select(g => g.Name + " " + g.Shape.Replace(GeneratedMembers.Self, "global::Sample." + className))
            .Order(StringComparer.Ordinal)
            .ToArray();
}
