using KegAuth.Generators.Tests.Infrastructure;
using Xunit;

namespace KegAuth.Generators.Tests;

/// <summary>The exact source generated for permissions, bundles, groups and the registered user, and that it compiles without warnings.</summary>
public class PermissionSnapshotTests
{
    private const string FullModel = """
        using KegAuth;
        namespace Sample;
        [KegUser(Registered = true)]
        public partial class User { public int Id { get; set; } }
        [KegUser]
        public partial class Operator { public int Id { get; set; } }
        [KegPermission]
        public partial class Permission { public int Id { get; set; } }
        [KegBundle]
        public partial class Bundle { public long Id { get; set; } }
        [KegGroup]
        public partial class Group { public System.Guid Id { get; set; } }
        [KegAttempt]
        public partial class Attempt { public int Id { get; set; } }
        """;

    private const string PermissionsOnly = """
        using KegAuth;
        namespace Sample;
        [KegUser]
        public partial class User { public int Id { get; set; } }
        [KegPermission]
        public partial class Permission { public int Id { get; set; } }
        """;

    [Theory]
    [InlineData("FullPermissionModel", FullModel)]
    [InlineData("PermissionsOnly", PermissionsOnly)]
    public void Generated_source_matches_snapshot_and_compiles_cleanly(string caseName, string source) =>
        Snapshot.VerifyGeneratedAndClean(caseName, source);
}
