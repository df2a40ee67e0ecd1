namespace KegAuth.AspNetCore;

/// <summary>How the declared permissions are synchronised into the permission table.</summary>
public sealed class KegDeclaredPermissionOptions
{
    /// <summary>Whether the app synchronises the table when it starts. Default <see langword="true"/> (keg-auth's <c>init_permissions</c>).</summary>
    public bool SyncAtStartup { get; set; } = true;

    /// <summary>Whether stored permissions that nothing declares are kept. Default <see langword="false"/>: they are deleted with their grants.</summary>
    public bool KeepUndeclared { get; set; }
}
