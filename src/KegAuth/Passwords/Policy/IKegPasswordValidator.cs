namespace KegAuth;

/// <summary>
/// One step of the password policy, like ASP.NET Core Identity's <c>IPasswordValidator</c>: it
/// returns every problem it finds, and <see cref="IKegPasswordPolicy"/> runs all registered
/// validators and gathers all their problems. The built-in rules are <see cref="KegPasswordRules"/>;
/// add your own with <c>services.AddKegPasswordValidator&lt;T&gt;()</c>.
/// </summary>
/// <remarks>
/// Never put the password in a problem's message or a log. Report bad input as a problem, not an
/// exception: an exception from a validator is not caught and fails the whole check.
/// </remarks>
public interface IKegPasswordValidator
{
    /// <summary>Checks a password someone wants to set.</summary>
    /// <param name="password">The new password; never null (the policy passes an empty string for null). May be huge or hold any characters.</param>
    /// <param name="loginId">The user's login id (username or email) when known, else null.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Every problem found; empty when the password passes this validator.</returns>
    Task<IReadOnlyList<KegPasswordProblem>> ValidateAsync(string password, string? loginId, CancellationToken cancellationToken);
}
