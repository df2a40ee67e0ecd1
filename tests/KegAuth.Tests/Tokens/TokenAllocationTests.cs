using KegAuth.Infrastructure;
using Xunit;
using static KegAuth.Tests.Tokens.TokenTestKit;

namespace KegAuth.Tests.Tokens;

/// <summary>Verify runs per request; for a normal token it should not touch the heap at all.</summary>
public sealed class TokenAllocationTests
{
    [Fact]
    public void Verify_of_a_typical_token_allocates_nothing()
    {
        var options = Options(allowLegacy: true);
        var valid = KegResetTokens.Generate(User, Salt, options);
        var forged = valid[..^2] + "AA";
        var guid = KegTokenUserId.FromString("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
        var guidToken = KegResetTokens.Generate(guid, Salt, options);

        // Warm up so JIT and static initialisation are not counted.
        for (var i = 0; i < 3; i++)
        {
            _ = KegResetTokens.Verify(valid, User, Salt, options);
            _ = KegResetTokens.Verify(forged, User, Salt, options);
            _ = KegResetTokens.Verify(guidToken, guid, Salt, options);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var results = (
            KegResetTokens.Verify(valid, User, Salt, options),
            KegResetTokens.Verify(forged, User, Salt, options),
            KegResetTokens.Verify(guidToken, guid, Salt, options));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((true, false, true), results);
        Assert.Equal(0, allocated);
    }
}
