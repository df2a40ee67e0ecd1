namespace KegAuth;

/// <summary>
/// Adds an authenticator-app second factor to a <see cref="KegUserAttribute"/> class: the shared
/// secret (encrypted at rest), whether it is on, the last time step accepted (so a code works once)
/// and hashed one-use recovery codes, with members to enrol, confirm, verify, redeem and disable.
/// The crypto is <see cref="KegTotp"/> and <see cref="KegRecoveryCodes"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KegUserTotpAttribute : Attribute
{
}
