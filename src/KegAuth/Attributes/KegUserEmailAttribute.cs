namespace KegAuth;

/// <summary>
/// Adds an <c>Email</c> login id (stored lowercased, compared case-insensitively) and <c>IsVerified</c> to a <see cref="KegUserAttribute"/> class (keg-auth <c>UserEmailMixin</c>). An unverified user is not active.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KegUserEmailAttribute : Attribute
{
}
