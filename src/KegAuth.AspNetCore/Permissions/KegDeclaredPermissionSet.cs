namespace KegAuth.AspNetCore.Permissions;

/// <summary>The permissions the app declared with <c>AddDeclaredPermissions</c>, for the start-up step and <c>auth sync-permissions</c>.</summary>
/// <param name="Permissions">Every declaration, in the order given.</param>
internal sealed record KegDeclaredPermissionSet(IReadOnlyList<KegDeclaredPermission> Permissions);
