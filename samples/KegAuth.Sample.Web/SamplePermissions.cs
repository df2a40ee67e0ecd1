namespace KegAuth.Sample.Web;

/// <summary>The sample's permissions, declared in code and synchronised into the table at start-up.</summary>
public static class SamplePermissions
{
    /// <summary>See the user list.</summary>
    public const string UsersView = "users.view";

    /// <summary>Change users.</summary>
    public const string UsersManage = "users.manage";

    /// <summary>See reports.</summary>
    public const string ReportsView = "reports.view";

    /// <summary>Every declared permission, with its description.</summary>
    public static IReadOnlyList<KegDeclaredPermission> All { get; } =
    [
        new(UsersView, "See the user list"),
        new(UsersManage, "Change users"),
        new(ReportsView, "See reports"),
    ];
}
