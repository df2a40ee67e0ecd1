using System.ComponentModel;

namespace KegAuth.Benchmarks.EndToEnd;

/// <summary>The harness's one permission, declared as the web sample declares its own.</summary>
[KegPermissionSet]
public static partial class EndToEndPermissions
{
    /// <summary>See the user list.</summary>
    [Description("See the user list")]
    public const string UsersView = "users.view";
}
