namespace KegAuth;

/// <summary>
/// A permission the application declares in code (keg-auth's <c>AuthManager(permissions=[...])</c>):
/// one <c>const string</c> of a <c>[KegPermissionSet]</c> class, listed in the generated <c>All</c>.
/// </summary>
/// <param name="Token">The permission token, as stored in the permission table.</param>
/// <param name="Description">A description for people (<c>[Description]</c>), or <see langword="null"/>.</param>
public sealed record KegDeclaredPermission(string Token, string? Description = null);
