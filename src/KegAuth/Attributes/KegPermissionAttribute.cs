namespace KegAuth;

/// <summary>
/// Makes a <c>partial</c> class the permission entity (keg-auth <c>PermissionMixin</c>): a unique token and a description.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KegPermissionAttribute : Attribute
{
}
