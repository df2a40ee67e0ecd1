using KegAuth.CodeFixes;
using KegAuth.Generators.Diagnostics;
using KegAuth.Generators.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace KegAuth.Generators.Tests;

/// <summary>Each mechanical fix turns the diagnosed code into code with no diagnostic.</summary>
public class CodeFixTests
{
    [Fact]
    public Task Make_partial_adds_the_modifier_after_the_others() => VerifyAsync<MakePartialCodeFixProvider>(
        """
        using KegAuth;
        [KegUser]
        public sealed class {|KEG001:User|} { public int Id { get; set; } }
        """,
        """
        using KegAuth;
        [KegUser]
        public sealed partial class User { public int Id { get; set; } }
        """);

    [Fact]
    public Task Make_partial_works_without_other_modifiers() => VerifyAsync<MakePartialCodeFixProvider>(
        """
        using KegAuth;
        [KegPermission]
        class {|KEG001:Permission|} { public int Id { get; set; } }
        """,
        """
        using KegAuth;
        [KegPermission]
        partial class Permission { public int Id { get; set; } }
        """);

    [Fact]
    public Task Add_KegUser_joins_the_mixin_attribute_list() => VerifyAsync<AddKegUserCodeFixProvider>(
        """
        using KegAuth;
        [KegUserEmail]
        public partial class {|KEG002:User|} { public int Id { get; set; } }
        """,
        """
        using KegAuth;
        [KegUser, KegUserEmail]
        public partial class User { public int Id { get; set; } }
        """);

    [Fact]
    public Task Add_KegUser_keeps_a_qualified_style() => VerifyAsync<AddKegUserCodeFixProvider>(
        """
        [KegAuth.KegUserToken]
        public partial class {|KEG002:User|} { public int Id { get; set; } }
        """,
        """
        [KegAuth.KegUser, KegAuth.KegUserToken]
        public partial class User { public int Id { get; set; } }
        """);

    [Fact]
    public Task Remove_deletes_an_auto_property_of_the_generated_type() => VerifyAsync<RemoveCollidingMemberCodeFixProvider>(
        """
        using KegAuth;
        [KegUser]
        public partial class User
        {
            public int Id { get; set; }
            public bool {|KEG010:IsActive|} { get; set; }
        }
        """,
        """
        using KegAuth;
        [KegUser]
        public partial class User
        {
            public int Id { get; set; }
        }
        """);

    [Fact]
    public Task Remove_is_not_offered_for_another_type_or_a_method()
    {
        // Ambiguous: the user's member means something else, so only a rename helps, and that is theirs to choose.
        const string source = """
            using KegAuth;
            [KegUser, KegUserEmail]
            public partial class User
            {
                public int Id { get; set; }
                public int {|KEG010:Email|} { get; set; }
                public bool {|KEG010:IsVerified|} { get; set; } = true;
                public string {|KEG010:GetId|}() => "";
            }
            """;
        return VerifyAsync<RemoveCollidingMemberCodeFixProvider>(source, source);
    }

    private static Task VerifyAsync<TCodeFix>(string source, string fixedSource)
        where TCodeFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<KegEntityAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            // No reference-assembly download at test time: the .NET 10 set restored with the tests.
            ReferenceAssemblies = new ReferenceAssemblies("net10.0"),
        };
        test.TestState.AdditionalReferences.AddRange(TestCompilation.References);
        test.FixedState.AdditionalReferences.AddRange(TestCompilation.References);
        return test.RunAsync();
    }
}
