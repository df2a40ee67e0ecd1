using System.ComponentModel;

namespace KegAuth.Sample.Web;

/// <summary>
/// The sample's permissions, declared in code: the generator adds <c>All</c> (synchronised into the
/// table at start-up), and a token that is not declared here is a compile error (KEG012).
/// </summary>
[KegPermissionSet]
public static partial class SamplePermissions
{
    /// <summary>See the user list.</summary>
    [Description("See the user list")]
    public const string UsersView = "users.view";

    /// <summary>Change users.</summary>
    [Description("Change users")]
    public const string UsersManage = "users.manage";

    /// <summary>See reports.</summary>
    [Description("See reports")]
    public const string ReportsView = "reports.view";
}
