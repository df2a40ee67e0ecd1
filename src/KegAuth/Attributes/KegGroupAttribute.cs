namespace KegAuth;

/// <summary>
/// Makes a <c>partial</c> class the user group entity (keg-auth <c>GroupMixin</c>): a named set of users that receives permissions directly and through bundles.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KegGroupAttribute : Attribute
{
}
