namespace KegAuth;

/// <summary>
/// Makes a <c>partial</c> class the login-attempt log (keg-auth <c>AttemptMixin</c>): user input, time, attempt type, lockout flag, success and source IP, with a set-based purge.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KegAttemptAttribute : Attribute
{
}
