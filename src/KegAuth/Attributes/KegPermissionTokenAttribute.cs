namespace KegAuth;

/// <summary>
/// Marks a parameter that takes permission tokens. When the compilation declares a
/// <see cref="KegPermissionSetAttribute"/> set, a constant token passed to such a parameter that no
/// set declares is a compile error (KEG012). KegAuth's own permission APIs carry it; an application's
/// helpers can too.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class KegPermissionTokenAttribute : Attribute
{
}
