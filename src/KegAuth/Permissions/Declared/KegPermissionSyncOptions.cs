namespace KegAuth;

/// <summary>How <see cref="KegPermissionSync"/> treats the permission table.</summary>
public sealed class KegPermissionSyncOptions
{
    /// <summary>
    /// Whether permissions in the table that no declaration names are kept. Default
    /// <see langword="false"/>: they are deleted with their grants, as keg-auth's <c>init_permissions</c> does.
    /// </summary>
    public bool KeepUndeclared { get; set; }

    /// <summary>Whether to only report what would change, without writing. Default <see langword="false"/>.</summary>
    public bool DryRun { get; set; }
}
