namespace KegAuth;

/// <summary>
/// One reason a password is refused: a stable machine <see cref="Code"/> (kebab-case, see
/// <see cref="KegPasswordProblemCodes"/>) and a <see cref="Message"/> to show the person. Neither
/// ever contains the password.
/// </summary>
/// <param name="Code">The stable, kebab-case code a client can switch on, such as <c>too-short</c>.</param>
/// <param name="Message">A sentence for the person choosing the password, in English.</param>
public sealed record KegPasswordProblem(string Code, string Message);
