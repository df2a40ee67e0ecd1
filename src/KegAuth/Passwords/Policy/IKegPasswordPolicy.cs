namespace KegAuth;

/// <summary>
/// Decides whether a person may set a password: runs every <see cref="IKegPasswordValidator"/> (the
/// built-in <see cref="KegPasswordRules"/> first, then the application's) and returns all their
/// problems together. Registered by <c>AddKegAuth</c>; without dependency injection use
/// <see cref="KegPasswordPolicy.Default"/> or <c>new KegPasswordPolicy(options)</c>.
/// </summary>
public interface IKegPasswordPolicy
{
    /// <summary>Checks a new password.</summary>
    /// <param name="password">The new password. Null is treated as empty; any string, however long or malformed, gives problems rather than an exception.</param>
    /// <param name="loginId">The user's login id (username or email), so that a password containing it is refused; null when not known.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Every problem found; <see cref="KegPasswordCheck.Succeeded"/> when there are none.</returns>
    Task<KegPasswordCheck> CheckAsync(string? password, string? loginId, CancellationToken cancellationToken = default);
}
