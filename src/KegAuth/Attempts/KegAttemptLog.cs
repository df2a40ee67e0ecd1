namespace KegAuth;

/// <summary>An attempt that <see cref="KegAttempts.LogAttemptAsync"/> saved, and the lockout it was judged under.</summary>
/// <typeparam name="TAttempt">The attempt type.</typeparam>
/// <param name="Attempt">The saved attempt; <see cref="IKegAttempt.IsDuringLockout"/> is set when it was blocked.</param>
/// <param name="Lockout">The lockout state before the attempt; when blocked, do not go on to check the password or token.</param>
public sealed record KegAttemptLog<TAttempt>(TAttempt Attempt, KegLockout Lockout)
    where TAttempt : class, IKegAttempt
{
    /// <summary>Whether the attempt was blocked.</summary>
    public bool IsBlocked => Lockout.IsBlocked;
}
