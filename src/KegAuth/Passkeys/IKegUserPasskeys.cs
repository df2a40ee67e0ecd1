namespace KegAuth;

/// <summary>What a <see cref="KegUserPasskeysAttribute"/> user adds: its passkeys.</summary>
public interface IKegUserPasskeys : IKegUser
{
    /// <summary>The user's passkeys. Adding or removing one resets the session key when saved.</summary>
    ICollection<KegPasskey> Passkeys { get; }
}
