using KegAuth.Generators.Tests.Infrastructure;
using Xunit;

namespace KegAuth.Generators.Tests;

/// <summary>The exact source generated for API-token users and attempt entities, and that it compiles without warnings.</summary>
public class TokenAndAttemptSnapshotTests
{
    [Theory]
    [InlineData("TokenUser", """
        using KegAuth;
        namespace Sample;
        [KegUser, KegUserToken]
        public partial class User { public int Id { get; set; } }
        """)]
    [InlineData("TokenEmailUser", """
        using KegAuth;
        namespace Sample;
        [KegUser, KegUserEmail, KegUserToken]
        public partial class User { public long Id { get; set; } }
        """)]
    [InlineData("Attempt", """
        using KegAuth;
        namespace Sample;
        [KegAttempt]
        public partial class Attempt { public int Id { get; set; } }
        """)]
    [InlineData("NestedAttempt", """
        namespace Sample;
        public static partial class Auth
        {
            [KegAuth.KegAttempt]
            internal partial class LoginAttempt { public long Id { get; set; } }
        }
        """)]
    public void Generated_source_matches_snapshot_and_compiles_cleanly(string caseName, string source) =>
        Snapshot.VerifyGeneratedAndClean(caseName, source);
}
