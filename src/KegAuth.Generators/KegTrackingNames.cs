namespace KegAuth.Generators;

/// <summary>
/// Names of the tracked pipeline steps (<c>WithTrackingName</c>), so tests can check that an unchanged
/// or unrelated edit leaves every step cached.
/// </summary>
internal static class KegTrackingNames
{
    public const string UserModels = nameof(UserModels);
    public const string AttemptModels = nameof(AttemptModels);

    /// <summary>Every tracked step, for tests that walk them all.</summary>
    public static readonly string[] All = { UserModels, AttemptModels };
}
