namespace KegAuth;

/// <summary>
/// Gives a <see cref="KegUserAttribute"/> class passkeys (WebAuthn): a <c>Passkeys</c> collection of
/// <see cref="KegPasskey"/> rows in KegAuth's <c>passkeys</c> table, several per user. Passkeys are part
/// of the user, as its email or second factor are, so this is a user mixin rather than an entity kind the
/// application declares: nothing else refers to a passkey. The ceremonies live in KegAuth.AspNetCore
/// (<c>AddPasskeys</c>). One user class per context may carry it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class KegUserPasskeysAttribute : Attribute
{
}
