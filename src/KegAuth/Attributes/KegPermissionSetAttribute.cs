namespace KegAuth;

/// <summary>
/// Declares the application's permissions (keg-auth's <c>AuthManager(permissions=[...])</c>) on a
/// <c>static partial</c> class of <c>const string</c> fields; <c>[Description]</c> gives a field its
/// description. The generator adds <c>All</c>, the list to pass to <c>AddDeclaredPermissions</c>, and
/// the analyzer refuses (KEG012) any constant token passed to a KegAuth permission API that no set declares.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KegPermissionSetAttribute : Attribute
{
}
