namespace KegAuth;

/// <summary>
/// Makes a <c>partial</c> class the permission bundle entity (keg-auth <c>BundleMixin</c>): a named set of permissions granted to users and groups.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KegBundleAttribute : Attribute
{
}
