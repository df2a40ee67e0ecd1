namespace KegAuth;

/// <summary>
/// Adds a hashed API token to a <see cref="KegUserAttribute"/> class (keg-auth <c>UserTokenMixin</c>): raw token generation, verification, and user lookup by API token.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KegUserTokenAttribute : Attribute
{
}
