namespace KegAuth;

/// <summary>Whether attempts are blocked, and until when.</summary>
/// <param name="IsBlocked">Whether an attempt now is blocked.</param>
/// <param name="BlockedUntilUtc">
/// When blocked, the last instant of the block (UTC), assuming no further counting attempts; otherwise <see langword="null"/>.
/// </param>
public readonly record struct KegLockout(bool IsBlocked, DateTime? BlockedUntilUtc)
{
    /// <summary>Not blocked.</summary>
    public static KegLockout Open => default;
}
