namespace KegAuth.Generators;

/// <summary>
/// Names of the tracked pipeline steps (<c>WithTrackingName</c>), so tests can check that an unchanged
/// or unrelated edit leaves every step cached.
/// </summary>
internal static class KegTrackingNames
{
    public const string UserModels = nameof(UserModels);
    public const string AttemptModels = nameof(AttemptModels);
    public const string PermissionModels = nameof(PermissionModels);
    public const string BundleModels = nameof(BundleModels);
    public const string GroupModels = nameof(GroupModels);
    public const string AttemptRegistrations = nameof(AttemptRegistrations);
    public const string Registry = nameof(Registry);
    public const string UserEmailParts = nameof(UserEmailParts);
    public const string UserTokenParts = nameof(UserTokenParts);
    public const string UserTotpParts = nameof(UserTotpParts);
    public const string UserPasskeysParts = nameof(UserPasskeysParts);
    public const string PermissionUsers = nameof(PermissionUsers);
    public const string BundleParts = nameof(BundleParts);
    public const string GroupParts = nameof(GroupParts);
    public const string PermissionSetModels = nameof(PermissionSetModels);

    /// <summary>Every tracked step, for tests that walk them all.</summary>
    public static readonly string[] All =
    {
        UserModels, AttemptModels, PermissionModels, BundleModels, GroupModels, AttemptRegistrations, Registry,
        UserEmailParts, UserTokenParts, UserTotpParts, UserPasskeysParts, PermissionUsers, BundleParts, GroupParts, PermissionSetModels,
    };
}
