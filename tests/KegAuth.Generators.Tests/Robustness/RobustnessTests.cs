using Microsoft.CodeAnalysis;
using Xunit;

namespace KegAuth.Generators.Tests.Robustness;

/// <summary>
/// Issue 21: whatever the user types, the generator throws nothing and writes nothing that does not
/// compile; an entity it cannot generate gets a diagnostic on the user's code, and the others still generate.
/// </summary>
public class RobustnessTests
{
    public static TheoryData<string> Cases => new(RobustnessInputs.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_invariant_holds(string name)
    {
        var input = RobustnessInputs.All[name];

        var outcome = Invariant.Check(input.Sources, input.Version);

        Assert.True(outcome.Violations.Count == 0, string.Join("\n", outcome.Violations));
    }

    [Theory]
    [InlineData("full_model")]
    [InlineData("nullable_string_key")]
    [InlineData("key_named_token")]
    [InlineData("keyword_namespace_block")]
    [InlineData("contextual_keyword_class_names")]
    [InlineData("obsolete_user")]
    [InlineData("set_password_ref_overload")]
    [InlineData("internal_everything")]
    public void The_invariant_holds_in_every_nullable_context(string name)
    {
        var input = RobustnessInputs.All[name];
        foreach (var nullable in new[] { NullableContextOptions.Disable, NullableContextOptions.Warnings, NullableContextOptions.Annotations })
        {
            var outcome = Invariant.Check(input.Sources, input.Version, nullable);

            Assert.True(outcome.Violations.Count == 0, nullable + ":\n" + string.Join("\n", outcome.Violations));
        }
    }

    [Fact]
    public void There_are_at_least_a_hundred_inputs()
    {
        Assert.True(RobustnessInputs.All.Count >= 100, $"{RobustnessInputs.All.Count} inputs");
    }
}
